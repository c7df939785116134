// Started by openmp_threads_test: appends a line to the file argv[1] at every start (so the test
// counts re-executions), applies the start-up rule, then prints what the program runs with.
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "kiosk/process/openmp_threads.h"

int main(int argc, char** argv) {
  if (argc >= 2) std::ofstream(argv[1], std::ios::app) << "start\n";
  kiosk::process::LimitOpenMpThreads(argv);
  const char* limit = std::getenv(kiosk::process::kOpenMpThreadLimit);
  std::printf("limit=%s marker=%s args=", limit != nullptr ? limit : "(unset)",
              std::getenv(kiosk::process::kReexecutedMarker) != nullptr ? "set" : "unset");
  for (int i = 2; i < argc; ++i) std::printf("%s[%s]", i > 2 ? "," : "", argv[i]);
  std::printf("\n");
  return 0;
}
