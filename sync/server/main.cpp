// intake-server: the reference central intake server.
//   intake-server pki init DIR
//   intake-server pki issue CSR [--dir DIR] [--out CERT] [--days N]
//   intake-server serve --dir DIR [--host H] [--port N] [--register FILE] [--processing-ms MS]
//                       [--trust FILE]
#include <CLI/CLI.hpp>

#include <pthread.h>
#include <signal.h>

#include <csignal>
#include <cstdio>
#include <iostream>

#include "kiosk/core/log.h"
#include "sync/packet/openssl_util.h"
#include "sync/server/intake_server.h"
#include "sync/server/pki.h"

namespace {

using namespace kiosk;

int Failure(const Error& error) {
  std::fprintf(stderr, "intake-server: %s\n", error.ToLogString().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("Reference central intake server for the enrollment stations");
  app.require_subcommand(1);
  std::function<int()> run;

  auto* pki = app.add_subcommand("pki", "Central CA and certificates")->require_subcommand(1);
  std::string init_dir;
  auto* init = pki->add_subcommand("init", "Create the central CA and the server certificate");
  init->add_option("DIR", init_dir, "PKI directory")->required();
  init->callback([&] {
    run = [&] {
      auto done = sync::pki::InitPki(init_dir);
      if (!done) return Failure(done.error());
      std::printf("CA and server certificate created in %s\n", init_dir.c_str());
      return 0;
    };
  });

  std::string csr_file, issue_dir = ".", out_file;
  int days = 730;
  auto* issue = pki->add_subcommand("issue", "Sign a station's certificate request");
  issue->add_option("CSR", csr_file, "The station's CSR (PEM)")->required();
  issue->add_option("--dir", issue_dir, "PKI directory (default: current)");
  issue->add_option("--out", out_file, "Write the certificate here (default: standard output)");
  issue->add_option("--days", days, "Validity in days")->check(CLI::Range(1, 3650));
  issue->callback([&] {
    run = [&] {
      auto csr = sync::ReadTextFile(csr_file);
      if (!csr) return Failure(csr.error());
      auto pem = sync::pki::IssueStationCertificate(issue_dir, *csr, days);
      if (!pem) return Failure(pem.error());
      if (out_file.empty()) {
        std::cout << *pem;
        return 0;
      }
      auto written = sync::WriteFileAtomic(out_file, *pem);
      return written ? 0 : Failure(written.error());
    };
  });

  sync::server::IntakeServerOptions options;
  std::string serve_dir, register_file, trust_file;
  int processing_ms = 0;
  auto* serve = app.add_subcommand("serve", "Serve the intake API over HTTPS");
  serve->add_option("--dir", serve_dir, "PKI directory (ca.pem, server.pem/.key); intake.db goes here")
      ->required();
  serve->add_option("--host", options.host, "Address to listen on (default 127.0.0.1)");
  serve->add_option("--port", options.port, "Port (default 8443)")->default_val(8443);
  serve->add_option("--register", register_file, "Population register JSON file");
  serve->add_option("--processing-ms", processing_ms, "Time spent processing each packet");
  serve->add_option("--trust", trust_file, "Trust update to publish, signed (default: DIR/trust.json)");
  serve->callback([&] {
    run = [&] {
      log::Init({});
      options.dir = serve_dir;
      options.register_file = register_file;
      options.trust_file = trust_file;
      options.processing_delay = std::chrono::milliseconds(processing_ms);
      // SIGINT/SIGTERM are blocked before any thread starts (threads inherit the mask) and
      // taken with sigwait below, so shutting down runs on the main thread, not in a handler.
      sigset_t set;
      sigemptyset(&set);
      sigaddset(&set, SIGINT);
      sigaddset(&set, SIGTERM);
      pthread_sigmask(SIG_BLOCK, &set, nullptr);
      auto server = sync::server::IntakeServer::Create(options);
      if (!server) return Failure(server.error());
      auto port = (*server)->Start();
      if (!port) return Failure(port.error());
      std::printf("intake-server listening on https://%s:%d\n", options.host.c_str(), *port);
      std::fflush(stdout);
      int signal_number = 0;
      sigwait(&set, &signal_number);
      (*server)->Stop();
      return 0;
    };
  });

  CLI11_PARSE(app, argc, argv);
  return run ? run() : 0;
}
