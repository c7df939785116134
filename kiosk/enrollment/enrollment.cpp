#include "kiosk/enrollment/enrollment.h"

#include <nlohmann/json.hpp>

#include "kiosk/core/i18n.h"

namespace kiosk::enrollment {

namespace {

using nlohmann::json;
using identity::CivilDate;

json DateJson(const std::optional<CivilDate>& date) {
  return date ? json(date->ToIso()) : json(nullptr);
}

std::optional<CivilDate> DateFrom(const json& j) {
  if (j.is_null()) return std::nullopt;
  auto parsed = identity::ParseDate(j.get<std::string>());
  if (!parsed) throw json::type_error::create(302, "bad date", nullptr);
  return *parsed;
}

json ImageJson(const std::optional<ImageRef>& image) {
  return image ? json{{"uri", image->uri}, {"sha256", image->sha256}} : json(nullptr);
}

std::optional<ImageRef> ImageFrom(const json& j) {
  if (j.is_null()) return std::nullopt;
  return ImageRef{j.at("uri").get<std::string>(), j.at("sha256").get<std::string>()};
}

std::optional<Step> StepFrom(std::string_view id) {
  for (Step step : kAllSteps) {
    if (Id(step) == id) return step;
  }
  return std::nullopt;
}

}  // namespace

void to_json(json& out, const Enrollment& e) {
  json sources = json::object();
  for (const auto& [source, f] : e.identity.sources) {
    sources[std::string(identity::ToString(source))] = {
        {"id_number", f.id_number},
        {"full_name", f.full_name},
        {"date_of_birth", DateJson(f.date_of_birth)},
        {"gender", f.gender ? json(identity::ToString(*f.gender)) : json(nullptr)},
        {"expiry", DateJson(f.expiry)},
        {"issue_date", DateJson(f.issue_date)}};
  }
  json resolutions = json::array();
  for (const auto& r : e.identity.resolutions) {
    resolutions.push_back({{"field", r.field},
                           {"chosen", identity::ToString(r.chosen)},
                           {"officer_note", r.officer_note}});
  }
  json chip = nullptr;
  if (e.identity.chip) {
    chip = {{"read", e.identity.chip->read},
            {"passive_authentication", e.identity.chip->passive_authentication},
            {"active_authentication", e.identity.chip->active_authentication},
            {"chip_authentication", e.identity.chip->chip_authentication},
            {"sod_data_groups", e.identity.chip->sod_data_groups}};
  }
  json fingers = json::object();
  for (const auto& [finger, item] : e.fingers) {
    fingers[std::string(ToString(finger))] = {
        {"image", ImageJson(item.image)},
        {"quality", item.quality},
        {"exception", item.exception ? json(ToString(*item.exception)) : json(nullptr)},
        {"exception_note", item.exception_note},
        {"kept_below_threshold", item.kept_below_threshold}};
  }
  json papers = json::array();
  for (const auto& p : e.papers) {
    json pages = json::array();
    for (const auto& page : p.pages) pages.push_back(ImageJson(page));
    json sources = json::object();
    for (const auto& [name, source] : p.field_sources) {
      sources[name] = {{"source", source.source}, {"confidence", source.confidence}};
    }
    papers.push_back({{"type", p.type},
                      {"fields", p.fields},
                      {"field_sources", sources},
                      {"pages", pages},
                      {"fields_confirmed", p.fields_confirmed},
                      {"original_sighted", p.original_sighted}});
  }
  out = {{"format", 1},
         {"draft_id", e.draft_id},
         {"officer", e.officer},
         {"created_at", e.created_at},
         {"current_step", Id(e.current_step)},
         {"furthest_step", Id(e.furthest_step)},
         {"identity",
          {{"sources", sources},
           {"resolutions", resolutions},
           {"chip", chip},
           {"chip_exception", e.identity.chip_exception}}},
         {"portrait",
          {{"image", ImageJson(e.portrait.image)},
           {"quality", e.portrait.quality},
           {"face_match", e.portrait.face_match ? json(*e.portrait.face_match) : json(nullptr)},
           {"face_match_threshold", e.portrait.face_match_threshold
                                        ? json(*e.portrait.face_match_threshold)
                                        : json(nullptr)},
           {"confirmed", e.portrait.confirmed}}},
         {"fingers", fingers},
         {"papers", papers},
         {"contact",
          {{"phone", e.contact.phone_e164},
           {"email", e.contact.email},
           {"consent", e.contact.consent}}},
         {"sealed", e.sealed},
         {"sealed_at", e.sealed_at}};
}

Result<Enrollment> EnrollmentFromJson(const json& j) {
  // nlohmann's accessors throw on a wrong shape; the exception stops here and becomes kCorrupt.
  try {
    if (j.at("format").get<int>() != 1) {
      return Fail(Error(ErrorCode::kUnsupported, N_("This draft was saved by a newer version.")));
    }
    Enrollment e;
    e.draft_id = j.at("draft_id").get<std::string>();
    e.officer = j.at("officer").get<std::string>();
    e.created_at = j.at("created_at").get<std::string>();
    auto current = StepFrom(j.at("current_step").get<std::string>());
    auto furthest = StepFrom(j.at("furthest_step").get<std::string>());
    if (!current || !furthest) throw json::other_error::create(501, "bad step", nullptr);
    e.current_step = *current;
    e.furthest_step = *furthest;
    const json& id = j.at("identity");
    for (const auto& [name, f] : id.at("sources").items()) {
      auto source = identity::ParseIdentitySource(name);
      if (!source) throw json::other_error::create(501, "bad source", nullptr);
      identity::IdentityFields fields;
      fields.id_number = f.at("id_number").get<std::string>();
      fields.full_name = f.at("full_name").get<std::string>();
      fields.date_of_birth = DateFrom(f.at("date_of_birth"));
      if (!f.at("gender").is_null()) fields.gender = identity::ParseGender(f.at("gender").get<std::string>());
      fields.expiry = DateFrom(f.at("expiry"));
      fields.issue_date = DateFrom(f.value("issue_date", json(nullptr)));
      e.identity.sources[*source] = fields;
    }
    for (const auto& r : id.at("resolutions")) {
      auto chosen = identity::ParseIdentitySource(r.at("chosen").get<std::string>());
      if (!chosen) throw json::other_error::create(501, "bad source", nullptr);
      e.identity.resolutions.push_back(
          {r.at("field").get<std::string>(), *chosen, r.at("officer_note").get<std::string>()});
    }
    if (!id.at("chip").is_null()) {
      const json& c = id.at("chip");
      ChipResult chip;
      chip.read = c.at("read").get<bool>();
      chip.passive_authentication = c.at("passive_authentication").get<std::string>();
      chip.active_authentication = c.at("active_authentication").get<std::string>();
      chip.chip_authentication = c.value("chip_authentication", json("")).get<std::string>();
      chip.sod_data_groups = c.value("sod_data_groups", json::array()).get<std::vector<int>>();
      e.identity.chip = std::move(chip);
    }
    e.identity.chip_exception = id.at("chip_exception").get<std::string>();
    const json& p = j.at("portrait");
    e.portrait.image = ImageFrom(p.at("image"));
    e.portrait.quality = p.at("quality").get<double>();
    if (!p.at("face_match").is_null()) e.portrait.face_match = p.at("face_match").get<double>();
    if (const json threshold = p.value("face_match_threshold", json(nullptr)); !threshold.is_null()) {
      e.portrait.face_match_threshold = threshold.get<double>();
    }
    e.portrait.confirmed = p.at("confirmed").get<bool>();
    for (const auto& [name, f] : j.at("fingers").items()) {
      auto finger = ParseFinger(name);
      if (!finger) throw json::other_error::create(501, "bad finger", nullptr);
      FingerItem item;
      item.image = ImageFrom(f.at("image"));
      item.quality = f.at("quality").get<int>();
      if (!f.at("exception").is_null()) {
        item.exception = ParseFingerException(f.at("exception").get<std::string>());
        if (!item.exception) throw json::other_error::create(501, "bad exception", nullptr);
      }
      item.exception_note = f.at("exception_note").get<std::string>();
      item.kept_below_threshold = f.value("kept_below_threshold", json(false)).get<bool>();
      e.fingers[*finger] = item;
    }
    for (const auto& paper : j.at("papers")) {
      PaperItem item;
      item.type = paper.at("type").get<std::string>();
      item.fields = paper.at("fields").get<std::map<std::string, std::string>>();
      const json sources = paper.value("field_sources", json::object());  // items() borrows it
      for (const auto& [name, source] : sources.items()) {
        item.field_sources[name] = {source.at("source").get<std::string>(),
                                    source.at("confidence").get<double>()};
      }
      for (const auto& page : paper.at("pages")) {
        auto image = ImageFrom(page);
        if (image) item.pages.push_back(*image);
      }
      item.fields_confirmed = paper.at("fields_confirmed").get<bool>();
      item.original_sighted = paper.at("original_sighted").get<bool>();
      e.papers.push_back(std::move(item));
    }
    const json& c = j.at("contact");
    e.contact = {c.at("phone").get<std::string>(), c.at("email").get<std::string>(),
                 c.at("consent").get<bool>()};
    e.sealed = j.at("sealed").get<bool>();
    e.sealed_at = j.at("sealed_at").get<std::string>();
    return e;
  } catch (const json::exception& ex) {
    return Fail(Error(ErrorCode::kCorrupt, N_("The saved enrollment draft is damaged."), ex.what()));
  }
}

}  // namespace kiosk::enrollment
