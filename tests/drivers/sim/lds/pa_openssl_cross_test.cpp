// Passive Authentication's chain and CRL decisions checked against an independent
// implementation: the `openssl verify` and `openssl cms -verify` command lines, on the same
// files (CSCA, document signer, CRL, the SOD's CMS). For each case both must agree on whether the
// document signer is good (valid vs. not). Key-usage rules are not compared: OpenSSL's purposes
// accept a signer ICAO does not (no keyUsage at all, or nonRepudiation alone).
#include <gtest/gtest.h>

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdlib>
#include <fstream>

#include "drivers/sim/lds/lds_builder.h"
#include "kiosk/emrtd/lds/lds_files.h"
#include "kiosk/emrtd/lds/passive_auth.h"
#include "tests/support/temp_dir.h"

namespace kiosk::sim {
namespace {

using namespace kiosk::emrtd;

void WritePem(const std::filesystem::path& file, X509* cert) {
  BIO* bio = BIO_new_file(file.c_str(), "w");
  PEM_write_bio_X509(bio, cert);
  BIO_free(bio);
}

void WriteBytes(const std::filesystem::path& file, ByteView data) {
  std::ofstream out(file, std::ios::binary);
  out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
}

bool Shell(const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()) == 0; }

// What a command printed (stdout and stderr), for a failure message.
std::string ShellOutput(const std::string& command) {
  std::string out;
  if (FILE* pipe = popen((command + " 2>&1").c_str(), "r")) {
    char buffer[512];
    while (size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
    pclose(pipe);
  }
  return out;
}

struct Case {
  std::string name;
  TestPki signer;                  // the PKI whose DS signs the SOD
  std::optional<Bytes> crl;        // a CRL of the trusted CSCA, in the trust folder
  std::optional<std::time_t> at;   // verification time (openssl -attime)
};

class PaAgainstOpenSsl : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!Shell("openssl version")) GTEST_SKIP() << "the openssl command line is not installed";
    trusted_ = std::move(GenerateTestPki().value());
  }

  // Ours and OpenSSL's answers to "is this SOD's signer good?" for one case.
  void ExpectAgreement(const Case& c, bool expected_valid) {
    testing::TempDir dir;
    LdsBuildOptions options;
    options.aa_key_type = PkiKeyType::kEcdsaP256;
    BuiltLds lds = std::move(BuildLds(DefaultCitizen(), c.signer, options).value());
    std::map<int, Bytes> groups;
    for (const auto& [fid, file] : lds.files) {
      if (auto dg = DataGroupFromFid(fid)) groups[*dg] = file;
    }
    TrustStore trust;
    trust.Add(X509Ptr(X509_dup(trusted_.csca_cert.get())));
    if (c.crl) {
      ASSERT_TRUE(trust.AddCrls(*c.crl));
    }
    PassiveAuthOptions pa;
    if (c.at) pa.verification_time = std::chrono::system_clock::from_time_t(*c.at);
    const auto ours = VerifyPassive(lds.files.at(kFidSod), groups, trust, pa);

    WritePem(dir / "csca.pem", trusted_.csca_cert.get());
    WritePem(dir / "ds.pem", c.signer.ds_cert.get());
    auto sod = ParseSingleTlv(lds.files.at(kFidSod), kTagSod);
    ASSERT_TRUE(sod);
    WriteBytes(dir / "sod.cms", sod->value);
    // `openssl verify` takes the CRL as -CRLfile; `openssl cms` has no such option and reads
    // CRLs from its -CAfile bundle.
    std::string verify_checks = " -CAfile " + (dir / "csca.pem").string();
    std::string cms_checks = verify_checks;
    if (c.crl) {
      WriteBytes(dir / "csca.crl", *c.crl);
      ASSERT_TRUE(Shell("openssl crl -inform DER -in " + (dir / "csca.crl").string() + " -out " +
                        (dir / "crl.pem").string()));
      {
        std::ofstream bundle(dir / "bundle.pem", std::ios::binary);
        bundle << std::ifstream(dir / "csca.pem").rdbuf() << std::ifstream(dir / "crl.pem").rdbuf();
      }
      verify_checks += " -crl_check -CRLfile " + (dir / "crl.pem").string();
      cms_checks = " -CAfile " + (dir / "bundle.pem").string() + " -crl_check";
    }
    if (c.at) {
      verify_checks += " -attime " + std::to_string(*c.at);
      cms_checks += " -attime " + std::to_string(*c.at);
    }
    const std::string verify_command = "openssl verify" + verify_checks + " " + (dir / "ds.pem").string();
    const std::string cms_command = "openssl cms -verify -binary -inform DER -purpose any -in " +
                                    (dir / "sod.cms").string() + " -out /dev/null" + cms_checks;
    const bool verify = Shell(verify_command);
    const bool cms = Shell(cms_command);

    const bool valid = ours.overall == CheckStatus::kValid;
    EXPECT_EQ(valid, expected_valid) << c.name << ": " << ours.code << " " << ours.detail;
    EXPECT_EQ(verify, valid) << c.name << ": openssl verify disagrees (ours: " << ours.code
                             << ")\n" << ShellOutput(verify_command);
    EXPECT_EQ(cms, valid) << c.name << ": openssl cms -verify disagrees (ours: " << ours.code
                          << ")\n" << ShellOutput(cms_command);
  }

  TestPki Signed(IssuedSigner signer) const {
    TestPki pki;
    pki.csca_cert.reset(X509_dup(trusted_.csca_cert.get()));
    pki.ds_cert = std::move(signer.cert);
    pki.ds_key = std::move(signer.key);
    return pki;
  }

  TestPki trusted_;
};

TEST_F(PaAgainstOpenSsl, GenuineSigner_BothValid) {
  Case c{"genuine", Signed(std::move(IssueSigner(trusted_).value())), {}, {}};
  ExpectAgreement(c, true);
}

TEST_F(PaAgainstOpenSsl, RevokedSigner_BothRefuse) {
  IssuedSigner signer = std::move(IssueSigner(trusted_).value());
  Bytes crl = std::move(BuildCrl(trusted_, {signer.cert.get()}).value());
  Case c{"revoked", Signed(std::move(signer)), std::move(crl), {}};
  ExpectAgreement(c, false);
}

TEST_F(PaAgainstOpenSsl, CrlListingAnotherSigner_BothValid) {
  IssuedSigner other = std::move(IssueSigner(trusted_).value());
  Bytes crl = std::move(BuildCrl(trusted_, {other.cert.get()}).value());
  Case c{"crl of another signer", Signed(std::move(IssueSigner(trusted_).value())), std::move(crl), {}};
  ExpectAgreement(c, true);
}

TEST_F(PaAgainstOpenSsl, SignerOfAnotherCsca_BothRefuse) {
  Case c{"unknown csca", std::move(GenerateUnknownPki().value()), {}, {}};
  ExpectAgreement(c, false);
}

TEST_F(PaAgainstOpenSsl, ForgedCscaWithTheSameName_BothRefuse) {
  Case c{"forged csca", std::move(GenerateTestPki().value()), {}, {}};
  ExpectAgreement(c, false);
}

TEST_F(PaAgainstOpenSsl, VerifiedAfterTheSignerExpired_BothRefuse) {
  const std::time_t later = std::chrono::system_clock::to_time_t(
      std::chrono::system_clock::now() + std::chrono::hours(24 * 365 * 11));
  Case c{"expired", Signed(std::move(IssueSigner(trusted_).value())), {}, later};
  ExpectAgreement(c, false);
}

}  // namespace
}  // namespace kiosk::sim
