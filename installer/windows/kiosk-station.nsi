; NSIS installer for the enrollment station on Windows workstations.
; Build (on Windows after `cmake --build --preset windows-release` and `cmake --install`, or here
; against a staged tree):  makensis -DSTAGE=<install tree> -DVERSION=0.1.0 -DOUTFILE=<exe> kiosk-station.nsi
; The staged tree holds bin\kiosk-station.exe, bin\kiosk-cli.exe, bin\kiosk-cli-devices.exe, their DLLs, share\kiosk-station\…
; and share\locale\…
Unicode true
!ifndef STAGE
  !error "define STAGE: the staged install tree"
!endif
!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef OUTFILE
  !define OUTFILE "kiosk-station-${VERSION}-setup.exe"
!endif

!include "MUI2.nsh"
!include "LogicLib.nsh"

Name "Kiosk station ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\KioskStation"
InstallDirRegKey HKLM "Software\KioskStation" "InstallDir"
RequestExecutionLevel admin
SetCompressor /SOLID lzma

!define MUI_ABORTWARNING
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Vietnamese"
!insertmacro MUI_LANGUAGE "English"

Section "Station" SecStation
  SectionIn RO
  SetShellVarContext all  ; $APPDATA is ProgramData from here on
  SetOutPath "$INSTDIR\bin"
  File /r "${STAGE}\bin\*.*"
  SetOutPath "$INSTDIR\share"
  File /r "${STAGE}\share\*.*"

  ; Data under ProgramData, readable only by SYSTEM, Administrators and the station's users
  ; group (the key is protected by DPAPI in addition).
  CreateDirectory "$APPDATA\KioskStation"
  CreateDirectory "$APPDATA\KioskStation\data"
  nsExec::ExecToLog 'icacls "$APPDATA\KioskStation\data" /inheritance:r /grant:r "*S-1-5-18:(OI)(CI)F" "*S-1-5-32-544:(OI)(CI)F" "*S-1-5-32-545:(OI)(CI)M"'
  ${IfNot} ${FileExists} "$APPDATA\KioskStation\station.json"
    SetOutPath "$APPDATA\KioskStation"
    File "/oname=station.json" "${STAGE}\share\kiosk-station\config\station.default.json"
  ${EndIf}

  CreateDirectory "$SMPROGRAMS\Kiosk station"
  CreateShortcut "$SMPROGRAMS\Kiosk station\Kiosk station.lnk" "$INSTDIR\bin\kiosk-station.exe"
  WriteRegStr HKLM "Software\KioskStation" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "Software\Microsoft\Windows\CurrentVersion\Uninstall\KioskStation" "DisplayName" "Kiosk station"
  WriteRegStr HKLM "Software\Microsoft\Windows\CurrentVersion\Uninstall\KioskStation" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "Software\Microsoft\Windows\CurrentVersion\Uninstall\KioskStation" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteUninstaller "$INSTDIR\uninstall.exe"
SectionEnd

Section "Uninstall"
  SetShellVarContext all
  ; Citizen data in ProgramData\KioskStation is kept: deleting it is a deliberate act
  ; (the technician removes the folder after the records are synchronised and purged).
  RMDir /r "$INSTDIR\bin"
  RMDir /r "$INSTDIR\share"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  RMDir /r "$SMPROGRAMS\Kiosk station"
  DeleteRegKey HKLM "Software\Microsoft\Windows\CurrentVersion\Uninstall\KioskStation"
  DeleteRegKey HKLM "Software\KioskStation"
  MessageBox MB_OK|MB_ICONINFORMATION "The station's data in $APPDATA\KioskStation is kept. Delete it yourself once every record is synchronised."
SectionEnd
