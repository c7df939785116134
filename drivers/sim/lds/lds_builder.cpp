#include "drivers/sim/lds/lds_builder.h"

#include <fstream>
#include <iterator>

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/objects.h>

#include "kiosk/emrtd/lds/dg1.h"
#include "kiosk/emrtd/lds/dg13.h"
#include "kiosk/emrtd/lds/dg14.h"
#include "kiosk/emrtd/protocol/chip_auth.h"
#include "kiosk/emrtd/lds/dg15.h"
#include "kiosk/emrtd/lds/ef_com.h"
#include "kiosk/emrtd/lds/lds_files.h"
#include "kiosk/emrtd/lds/openssl_ptr.h"

namespace kiosk::sim {

using emrtd::Bytes;
using emrtd::ByteView;

// Face drawing lives in synthetic_face.cpp (OpenCV).
Result<EncodedFace> LoadFaceFile(const std::filesystem::path& file);

namespace {

constexpr const char* kOidSha256 = "2.16.840.1.101.3.4.2.1";
constexpr const char* kOidEcdsaPlainSha256 = "0.4.0.127.0.7.1.1.4.1.3";

std::string Yymmdd(const std::string& iso) {
  return iso.size() == 10 ? iso.substr(2, 2) + iso.substr(5, 2) + iso.substr(8, 2) : "<<<<<<";
}

std::string DdMmYyyy(const std::string& iso) {
  return iso.size() == 10 ? iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4)
                          : std::string();
}

std::string Pad(std::string text, size_t size) {
  if (text.size() > size) text.resize(size);
  text.resize(size, '<');
  return text;
}

// "NGUYEN VAN MAU" → "NGUYEN<<VAN<MAU": the first word is the surname.
std::string MrzName(const std::string& full_name) {
  std::vector<std::string> words;
  std::string current;
  for (char c : ToMrzText(full_name)) {
    if (c == ' ') {
      if (!current.empty()) words.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  if (words.empty()) return {};
  std::string name = words[0] + "<";
  for (size_t i = 1; i < words.size(); ++i) name += "<" + words[i];
  return name;
}

Bytes Sha256(ByteView data) {
  Bytes out(32);
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), out.data(), &size, EVP_sha256(), nullptr);
  return out;
}

emrtd::Dg13 MakeDg13(const Citizen& c) {
  emrtd::Dg13 dg13;
  auto add = [&dg13](int number, std::vector<std::string> values) {
    emrtd::Dg13Field field;
    field.number = number;
    field.values = std::move(values);
    dg13.fields.push_back(std::move(field));
  };
  add(emrtd::kDg13IdNumber, {c.id_number});
  add(emrtd::kDg13FullName, {c.full_name});
  add(emrtd::kDg13DateOfBirth, {DdMmYyyy(c.date_of_birth)});
  add(emrtd::kDg13Gender, {c.gender == "F" ? "Nữ" : "Nam"});
  add(emrtd::kDg13Nationality, {c.nationality});
  add(emrtd::kDg13Ethnicity, {c.ethnicity});
  add(emrtd::kDg13Religion, {c.religion});
  add(emrtd::kDg13Hometown, {c.hometown});
  add(emrtd::kDg13PermanentAddress, {c.permanent_address});
  add(emrtd::kDg13IdentifyingMarks, {c.identifying_marks});
  add(emrtd::kDg13IssueDate, {DdMmYyyy(c.issue_date)});
  add(emrtd::kDg13ExpiryDate,
      {c.expiry_date.empty() ? std::string("Không thời hạn") : DdMmYyyy(c.expiry_date)});
  add(emrtd::kDg13Parents, {c.father, c.mother});
  if (!c.spouse.empty()) add(emrtd::kDg13Spouse, {c.spouse});
  add(emrtd::kDg13OldIdNumber, {c.old_id});
  add(emrtd::kDg13Unknown16, {"0F1E2D3C4B5A6978"});  // the unexplained 16-hex field, invented
  return dg13;
}

void CorruptByte(Bytes& file, int dg) {
  if (file.empty()) return;
  // DG2: inside the image; elsewhere the last byte, which is text or key material, so the
  // file still parses and only its hash gives it away.
  const size_t at = dg == 2 ? file.size() * 3 / 4 : file.size() - 1;
  file[at] = file[at] == 'X' ? 'Y' : 'X';
}

}  // namespace

std::vector<std::string> BuildCccdMrz(const Citizen& c) {
  const std::string number = c.id_number.size() == 12 ? c.id_number.substr(3) : c.id_number;
  std::string line1 = "IDVNM" + Pad(number, 9);
  line1.push_back(emrtd::MrzCheckDigitChar(Pad(number, 9)));
  line1 += c.id_number;
  line1 = Pad(line1, 30);

  const std::string dob = Yymmdd(c.date_of_birth);
  const std::string expiry = Yymmdd(c.expiry_date);
  std::string line2 = dob;
  line2.push_back(emrtd::MrzCheckDigitChar(dob));
  line2.push_back(c.gender == "F" ? 'F' : 'M');
  line2 += expiry;
  line2.push_back(emrtd::MrzCheckDigitChar(expiry));
  line2 += "VNM";
  line2 = Pad(line2, 29);
  const std::string composite = line1.substr(5, 25) + line2.substr(0, 7) + line2.substr(8, 7) +
                                line2.substr(18, 11);
  line2.push_back(emrtd::MrzCheckDigitChar(composite));

  return {line1, line2, Pad(MrzName(c.full_name), 30)};
}

Result<Bytes> SignSod(const emrtd::LdsSecurityObject& lso, X509* ds_cert, EVP_PKEY* ds_key,
                      bool embed_certificate,
                      std::optional<std::chrono::system_clock::time_point> signing_time) {
  const Bytes content = emrtd::BuildLdsSecurityObject(lso);
  struct BioFree {
    void operator()(BIO* b) const { BIO_free(b); }
  };
  std::unique_ptr<BIO, BioFree> in(BIO_new_mem_buf(content.data(), static_cast<int>(content.size())));
  unsigned flags = CMS_PARTIAL | CMS_BINARY | CMS_NOSMIMECAP;
  if (!embed_certificate) flags |= CMS_NOCERTS;
  emrtd::CmsPtr cms(CMS_sign(ds_cert, ds_key, nullptr, nullptr, flags));
  if (!cms) return Fail(Error::Internal("CMS_sign: " + emrtd::DrainOpenSslErrors()));
  ASN1_OBJECT* type = OBJ_txt2obj(emrtd::kOidLdsSecurityObject, 1);
  int set_ok = CMS_set1_eContentType(cms.get(), type);
  ASN1_OBJECT_free(type);
  if (signing_time) {
    // CMS_final adds the current time only when the attribute is absent.
    CMS_SignerInfo* signer = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms.get()), 0);
    ASN1_TIME* time = ASN1_TIME_adj(nullptr, std::chrono::system_clock::to_time_t(*signing_time), 0, 0);
    set_ok = set_ok == 1 && time != nullptr &&
                     CMS_signed_add1_attr_by_NID(signer, NID_pkcs9_signingTime, time->type, time, -1) == 1
                 ? 1
                 : 0;
    ASN1_TIME_free(time);
  }
  if (set_ok != 1 || CMS_final(cms.get(), in.get(), nullptr, flags) != 1) {
    return Fail(Error::Internal("CMS_final: " + emrtd::DrainOpenSslErrors()));
  }
  unsigned char* der = nullptr;
  const int size = i2d_CMS_ContentInfo(cms.get(), &der);
  if (size <= 0) return Fail(Error::Internal("i2d_CMS_ContentInfo"));
  const Bytes encoded(der, der + size);
  OPENSSL_free(der);
  return emrtd::EncodeTlv(emrtd::kTagSod, encoded);
}

Result<BuiltLds> BuildLds(const Citizen& citizen, const TestPki& pki,
                          const LdsBuildOptions& options) {
  if (auto ok = ValidateCitizen(citizen); !ok) return Fail(ok.error());
  if (!pki.ds_cert || !pki.ds_key) {
    return Fail(Error::InvalidArgument("The test PKI has no document signer.", "BuildLds"));
  }
  BuiltLds lds;
  std::map<int, Bytes> groups;

  lds.mrz_lines = BuildCccdMrz(citizen);
  groups[1] = emrtd::BuildDg1(lds.mrz_lines);

  auto face = citizen.face_image.empty() ? DrawSyntheticFace(options.face_format)
                                         : LoadFaceFile(citizen.face_image);
  if (!face) return Fail(face.error());
  groups[2] = emrtd::BuildDg2(face->data, face->format, face->width, face->height);

  groups[13] = emrtd::BuildDg13(MakeDg13(citizen));

  if (options.include_dg15) {
    auto aa_key = GenerateKey(options.aa_key_type);
    if (!aa_key) return Fail(aa_key.error());
    groups[15] = emrtd::BuildDg15(aa_key->get());
    lds.aa_private_key = std::move(*aa_key);
  }
  if (options.include_dg14) {
    std::vector<Bytes> infos = options.extra_security_infos;
    if (options.include_dg15 && options.aa_key_type == PkiKeyType::kEcdsaP256) {
      infos.push_back(emrtd::BuildActiveAuthenticationInfo(kOidEcdsaPlainSha256));
    }
    if (options.include_chip_auth) {
      auto ca_key = GenerateKey(PkiKeyType::kEcdsaP256);
      if (!ca_key) return Fail(ca_key.error());
      auto key_info = emrtd::BuildChipAuthenticationPublicKeyInfo(ca_key->get());
      if (!key_info) return Fail(key_info.error());
      infos.push_back(emrtd::BuildChipAuthenticationInfo(options.chip_auth_protocol));
      infos.push_back(std::move(*key_info));
      lds.ca_private_key = std::move(*ca_key);
    }
    groups[14] = emrtd::BuildDg14(infos);
  }

  emrtd::LdsSecurityObject lso;
  lso.version = 0;
  lso.hash_algorithm_oid = kOidSha256;
  for (const auto& [number, file] : groups) lso.data_group_hashes[number] = Sha256(file);
  if (options.list_dg3_in_com) {
    // Real cards sign DG3 (fingerprints) too, and keep it behind EAC: the emulator never serves
    // it, so an invented content stands in for the hash, and EF.COM and the SOD agree.
    static constexpr uint8_t kPlaceholder[] = {'s', 'y', 'n', 't', 'h', 'e', 't', 'i', 'c'};
    const Bytes dg3 = emrtd::EncodeTlv(0x63, kPlaceholder);
    lso.data_group_hashes[3] = Sha256(dg3);
  }
  auto sod = SignSod(lso, pki.ds_cert.get(), pki.ds_key.get(), options.embed_ds_certificate,
                     options.signing_time);
  if (!sod) return Fail(sod.error());

  emrtd::EfCom com;
  com.lds_version = "0107";
  com.unicode_version = "040000";
  for (const auto& [number, file] : groups) {
    if (number == 13 && options.list_dg3_in_com) com.data_groups.push_back(3);
    com.data_groups.push_back(number);
  }

  if (options.corrupt_data_group != 0) {
    auto it = groups.find(options.corrupt_data_group);
    if (it == groups.end()) {
      return Fail(Error::InvalidArgument("The data group to corrupt is not on the card.",
                                         std::to_string(options.corrupt_data_group)));
    }
    CorruptByte(it->second, it->first);
  }
  if (options.corrupt_sod_signature) {
    // The SignerInfo's signature is the last element of the SignedData.
    sod->back() ^= 0x01;
  }

  lds.files[emrtd::kFidCom] = emrtd::BuildEfCom(com);
  lds.files[emrtd::kFidSod] = std::move(*sod);
  for (auto& [number, file] : groups) lds.files[emrtd::DataGroupFid(number)] = std::move(file);

  lds.access.id_number = citizen.id_number;
  lds.access.can = citizen.id_number.substr(citizen.id_number.size() - 6);
  auto key = emrtd::MrzAccessKey::FromCccdId(citizen.id_number, citizen.date_of_birth,
                                             citizen.expiry_date.empty() ? "991231"
                                                                         : citizen.expiry_date);
  if (!key) return Fail(key.error());
  lds.access.mrz_key = std::move(*key);
  if (citizen.expiry_date.empty()) lds.access.mrz_key.date_of_expiry = "<<<<<<";
  return lds;
}

}  // namespace kiosk::sim
