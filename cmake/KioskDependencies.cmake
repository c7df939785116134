# Every third-party dependency is found here, once, so the layers only link imported targets.
# On Debian 12 installer/linux/install-deps.sh provides all of them; on Windows vcpkg does.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(OpenSSL 3 REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)
find_package(CURL REQUIRED)
find_package(OpenCV REQUIRED COMPONENTS core imgproc imgcodecs videoio dnn objdetect)

if(WIN32)
  # WinSCard ships with the SDK.
  add_library(kiosk_pcsc INTERFACE)
  target_link_libraries(kiosk_pcsc INTERFACE winscard)
else()
  pkg_check_modules(PCSC REQUIRED IMPORTED_TARGET libpcsclite)
  add_library(kiosk_pcsc INTERFACE)
  target_link_libraries(kiosk_pcsc INTERFACE PkgConfig::PCSC)
endif()

if(KIOSK_WITH_LIBFPRINT)
  pkg_check_modules(FPRINT REQUIRED IMPORTED_TARGET libfprint-2)
endif()
if(KIOSK_WITH_SANE)
  pkg_check_modules(SANE REQUIRED IMPORTED_TARGET sane-backends)
endif()

if(KIOSK_BUILD_GUI)
  find_package(wxWidgets 3.2 REQUIRED COMPONENTS core base)
endif()

find_program(MSGFMT_EXECUTABLE msgfmt)
