# Strict warnings per target (never globally, so third-party code is not held to them).
function(kiosk_target_warnings target)
  if(MSVC)
    target_compile_options(${target} PRIVATE /W4 /WX /permissive- /utf-8)
  else()
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror)
  endif()
endfunction()

# Sanitizers for the asan preset: KIOSK_SANITIZE=address,undefined
set(KIOSK_SANITIZE "" CACHE STRING "Comma-separated sanitizers (e.g. address,undefined)")
if(KIOSK_SANITIZE AND NOT MSVC)
  add_compile_options(-fsanitize=${KIOSK_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=${KIOSK_SANITIZE})
endif()
