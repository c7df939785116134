# Installation layout and the Debian packages (CPack DEB, one package per component):
#   kiosk-station        kiosk-station, kiosk-cli, resources, translations, desktop entry, icon
#   kiosk-intake-server  the reference intake server
# `cpack -G DEB` in a release build tree writes both into <build>/packages/.
include(GNUInstallDirs)

set(_linux ${PROJECT_SOURCE_DIR}/installer/linux)
if(UNIX AND NOT APPLE)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/models/ DESTINATION share/kiosk-station/models
          COMPONENT station OPTIONAL)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/config/station.default.json
          DESTINATION share/kiosk-station/config COMPONENT station)
  install(FILES ${_linux}/kiosk-station.desktop DESTINATION share/applications COMPONENT station)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/kiosk-station.svg
          DESTINATION share/icons/hicolor/scalable/apps COMPONENT station)
  install(FILES ${_linux}/station.json DESTINATION /etc/kiosk-station COMPONENT station)

  # Debian wants compressed man pages and changelogs, and a copyright file per package.
  find_program(GZIP_EXECUTABLE gzip REQUIRED)
  set(_gz ${PROJECT_BINARY_DIR}/packaging)
  file(MAKE_DIRECTORY ${_gz})
  foreach(_page kiosk-cli kiosk-station intake-server)
    add_custom_command(OUTPUT ${_gz}/${_page}.1.gz
      COMMAND ${GZIP_EXECUTABLE} -9nc ${_linux}/man/${_page}.1 > ${_gz}/${_page}.1.gz
      DEPENDS ${_linux}/man/${_page}.1)
    list(APPEND _packaging_files ${_gz}/${_page}.1.gz)
  endforeach()
  add_custom_command(OUTPUT ${_gz}/changelog.gz
    COMMAND ${GZIP_EXECUTABLE} -9nc ${_linux}/debian/changelog > ${_gz}/changelog.gz
    DEPENDS ${_linux}/debian/changelog)
  add_custom_target(kiosk_packaging_files ALL DEPENDS ${_packaging_files} ${_gz}/changelog.gz)
  install(FILES ${_gz}/kiosk-cli.1.gz ${_gz}/kiosk-station.1.gz DESTINATION share/man/man1
          COMPONENT station)
  install(FILES ${_gz}/intake-server.1.gz DESTINATION share/man/man1 COMPONENT server)
  foreach(_pkg_comp kiosk-station:station kiosk-intake-server:server)
    string(REPLACE ":" ";" _pair ${_pkg_comp})
    list(GET _pair 0 _pkg)
    list(GET _pair 1 _comp)
    install(FILES ${_linux}/debian/copyright ${_gz}/changelog.gz
            DESTINATION share/doc/${_pkg} COMPONENT ${_comp})
  endforeach()
  install(FILES ${PROJECT_SOURCE_DIR}/docs/configuration.md DESTINATION share/doc/kiosk-station
          COMPONENT station)
endif()

set(CPACK_PACKAGE_NAME kiosk-station)
set(CPACK_PACKAGE_VENDOR "Kiosk station developers")
set(CPACK_PACKAGE_CONTACT "Kiosk station developers <station-dev@example.invalid>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "level-2 e-ID enrollment station")
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/packages)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR DEB)
set(CPACK_COMPONENTS_ALL station server)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
set(CPACK_DEBIAN_STATION_PACKAGE_NAME kiosk-station)
# Runtime data the features cannot work without: Tesseract's Vietnamese model (papers) and
# OpenCV's cascades (the portrait's eye checks). A real desk reader speaks CCID; the virtual
# reader (vsmartcard-vpcd) is the demo's and the tests' need, never a production desk's.
set(CPACK_DEBIAN_STATION_PACKAGE_DEPENDS "pcscd, adduser, tesseract-ocr-vie, opencv-data")
set(CPACK_DEBIAN_STATION_PACKAGE_RECOMMENDS "libccid")
set(CPACK_DEBIAN_STATION_PACKAGE_CONTROL_EXTRA
    "${_linux}/debian/postinst;${_linux}/debian/postrm;${_linux}/debian/conffiles")
set(CPACK_DEBIAN_STATION_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_SERVER_PACKAGE_NAME kiosk-intake-server)
# First line: the synopsis; the rest: the extended description.
set(CPACK_DEBIAN_STATION_DESCRIPTION
    "level-2 e-ID enrollment station for police CCCD intake desks
The desk application officers use to enroll citizens for level-2 electronic
identity accounts: chip ID card reading and verification, portrait and
fingerprint capture, papers to integrate, an encrypted offline store,
supervisor approval and synchronisation with the central server. Includes
kiosk-cli, the technician's command line.")
set(CPACK_DEBIAN_SERVER_DESCRIPTION
    "reference central intake server for enrollment stations
Receives signed and encrypted enrollment packets from stations over mutual
TLS, stores each exactly once and publishes processing statuses. For tests,
demos and pilots.")
include(CPack)
