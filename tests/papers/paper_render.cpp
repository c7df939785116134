#include "tests/papers/paper_render.h"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <array>
#include <cstdio>
#include <random>

#include <opencv2/imgproc.hpp>

#include "tests/papers/image_degrade.h"
#include "kiosk/documents/tax_code.h"
#include "tests/papers/qr_render.h"

namespace kiosk::papers {

namespace {

using documents::PaperType;

constexpr std::array<const char*, 8> kSurnames = {"Nguyễn", "Trần", "Lê", "Phạm",
                                                  "Hoàng", "Vũ", "Đặng", "Bùi"};
constexpr std::array<const char*, 6> kMiddle = {"Văn", "Thị", "Minh", "Quốc", "Thu", "Đức"};
constexpr std::array<const char*, 8> kGiven = {"Thử", "An", "Bình", "Hà",
                                               "Dũng", "Lan", "Hương", "Tuấn"};
constexpr std::array<const char*, 5> kMakes = {"HONDA", "YAMAHA", "TOYOTA", "VINFAST", "SUZUKI"};

std::string Two(int n) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d", n);
  return buffer;
}

std::string Digits(std::mt19937& random, int count) {
  std::uniform_int_distribution<int> digit(0, 9);
  std::string out;
  for (int i = 0; i < count; ++i) out.push_back(static_cast<char>('0' + digit(random)));
  return out;
}

struct Date {
  int d, m, y;
  std::string Slashed() const { return Two(d) + "/" + Two(m) + "/" + std::to_string(y); }
  std::string Iso() const { return std::to_string(y) + "-" + Two(m) + "-" + Two(d); }
};

Date RandomDate(std::mt19937& random, int from_year, int to_year) {
  return {std::uniform_int_distribution<int>(1, 28)(random),
          std::uniform_int_distribution<int>(1, 12)(random),
          std::uniform_int_distribution<int>(from_year, to_year)(random)};
}

std::string ToHex(const std::string& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0xF]);
  }
  return out;
}

// A 10-digit tax code with a valid check digit (retries the rare serials with none).
std::string TaxCode(std::mt19937& random) {
  while (true) {
    std::string nine = "0" + std::to_string(std::uniform_int_distribution<int>(1, 9)(random)) +
                       Digits(random, 7);
    if (nine.substr(2) == "0000000") continue;
    if (auto check = documents::TaxCodeCheckDigit(nine)) return nine + std::to_string(*check);
  }
}

}  // namespace

SyntheticPaper MakeSyntheticPaper(PaperType type, std::uint32_t seed) {
  std::mt19937 random(seed * 7919u + static_cast<std::uint32_t>(type));
  auto pick = [&random](const auto& list) {
    return std::string(list[std::uniform_int_distribution<size_t>(0, list.size() - 1)(random)]);
  };
  const std::string name = pick(kSurnames) + " " + pick(kMiddle) + " " + pick(kGiven);
  const Date birth = RandomDate(random, 1960, 2004);
  SyntheticPaper paper{type, {}, {}, {}, {}};
  switch (type) {
    case PaperType::kDrivingLicence: {
      const std::string number = Two(std::uniform_int_distribution<int>(11, 99)(random)) + Digits(random, 10);
      const Date issued = RandomDate(random, 2015, 2024);
      const Date expiry{issued.d, issued.m, issued.y + 10};
      const std::string classes = pick(std::array<const char*, 4>{"B2", "A1", "C", "B1"});
      paper.title = "GIẤY PHÉP LÁI XE";
      paper.lines = {{"Số", number}, {"Họ tên", name}, {"Ngày sinh", birth.Slashed()},
                     {"Hạng", classes}, {"Ngày cấp", issued.Slashed()},
                     {"Có giá trị đến", expiry.Slashed()}};
      paper.truth = {{"number", number}, {"full_name", name}, {"date_of_birth", birth.Iso()},
                     {"classes", classes}, {"issue_date", issued.Iso()}, {"expiry", expiry.Iso()}};
      break;
    }
    case PaperType::kHealthInsurance: {
      const std::string code = pick(std::array<const char*, 4>{"DN", "HS", "GD", "HT"}) +
                               std::to_string(std::uniform_int_distribution<int>(1, 5)(random)) +
                               Two(std::uniform_int_distribution<int>(1, 96)(random)) + Digits(random, 10);
      const Date from = RandomDate(random, 2024, 2025);
      const Date to{31, 12, from.y + 1};
      const std::string clinic = Two(std::uniform_int_distribution<int>(1, 96)(random)) + Digits(random, 3);
      paper.title = "THẺ BẢO HIỂM Y TẾ";
      paper.lines = {{"Mã số", code}, {"Họ tên", name}, {"Ngày sinh", birth.Slashed()},
                     {"Nơi ĐKKCB", clinic}, {"Từ ngày", from.Slashed()}, {"Đến ngày", to.Slashed()}};
      paper.truth = {{"code", code}, {"full_name", name}, {"date_of_birth", birth.Iso()},
                     {"clinic_code", clinic}, {"valid_from", from.Iso()}, {"valid_to", to.Iso()}};
      paper.qr_payload = code + "|" + ToHex(name) + "|" + birth.Slashed() + "|1|" +
                         ToHex("Hà Nội") + "|" + clinic + "|" + from.Slashed() + "|" +
                         to.Slashed() + "|$";
      break;
    }
    case PaperType::kVehicleRegistration: {
      const std::string prefix = Two(std::uniform_int_distribution<int>(11, 99)(random));
      const char series = pick(std::array<const char*, 5>{"A", "B", "C", "F", "K"})[0];
      const std::string digits = Digits(random, 5);
      const std::string plate = prefix + series + "-" + digits.substr(0, 3) + "." + digits.substr(3);
      const std::string chassis = "RL" + Digits(random, 6) + "K" + Digits(random, 6);
      const std::string engine = "E" + Digits(random, 7);
      const std::string make = pick(kMakes);
      paper.title = "CHỨNG NHẬN ĐĂNG KÝ XE";
      paper.lines = {{"Tên chủ xe", name}, {"Biển số", plate}, {"Nhãn hiệu", make},
                     {"Số khung", chassis}, {"Số máy", engine}};
      paper.truth = {{"owner_name", name}, {"plate", plate}, {"make", make},
                     {"chassis_number", chassis}, {"engine_number", engine}};
      break;
    }
    case PaperType::kTaxCode: {
      const std::string tax = TaxCode(random);
      paper.title = "THÔNG BÁO MÃ SỐ THUẾ";
      paper.lines = {{"Mã số thuế", tax}, {"Họ tên", name}};
      paper.truth = {{"tax_code", tax}, {"full_name", name}};
      break;
    }
  }
  return paper;
}

cv::Mat RenderPaper(const SyntheticPaper& paper, int dpi) {
  const double px_per_mm = dpi / 25.4;
  const int width = static_cast<int>(85.6 * px_per_mm);
  const int height = static_cast<int>(54.0 * px_per_mm);
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0.98, 0.97, 0.92);  // card stock
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0.75, 0.2, 0.2);    // a printed border
  cairo_set_line_width(cr, 0.6 * px_per_mm);
  cairo_rectangle(cr, 1.5 * px_per_mm, 1.5 * px_per_mm, width - 3 * px_per_mm, height - 3 * px_per_mm);
  cairo_stroke(cr);

  PangoLayout* layout = pango_cairo_create_layout(cr);
  pango_cairo_context_set_resolution(pango_layout_get_context(layout), dpi);
  pango_layout_context_changed(layout);
  auto draw = [&](const std::string& text, const char* font, double x_mm, double y_mm) {
    PangoFontDescription* description = pango_font_description_from_string(font);
    pango_layout_set_font_description(layout, description);
    pango_font_description_free(description);
    pango_layout_set_text(layout, text.c_str(), -1);
    cairo_move_to(cr, x_mm * px_per_mm, y_mm * px_per_mm);
    pango_cairo_show_layout(cr, layout);
  };
  cairo_set_source_rgb(cr, 0.6, 0.1, 0.1);
  draw(paper.title, "DejaVu Sans Bold 9", 5, 4);
  cairo_set_source_rgb(cr, 0.05, 0.05, 0.1);
  double y = 12;
  for (const auto& [label, value] : paper.lines) {
    draw(label + ": " + value, "DejaVu Sans 7.5", 5, y);
    y += 6.2;
  }
  g_object_unref(layout);
  cairo_surface_flush(surface);

  cv::Mat bgra(height, width, CV_8UC4, cairo_image_surface_get_data(surface),
               static_cast<size_t>(cairo_image_surface_get_stride(surface)));
  cv::Mat out;
  cv::cvtColor(bgra, out, cv::COLOR_BGRA2BGR);
  cairo_destroy(cr);
  cairo_surface_destroy(surface);

  if (!paper.qr_payload.empty()) {
    cv::Mat qr = RenderQr(paper.qr_payload, std::max(2, dpi / 100), 2);
    cv::Mat qr_bgr;
    cv::cvtColor(qr, qr_bgr, cv::COLOR_GRAY2BGR);
    const int x = width - qr_bgr.cols - static_cast<int>(4 * px_per_mm);
    const int y_top = height - qr_bgr.rows - static_cast<int>(4 * px_per_mm);
    if (x > width / 2 && y_top > 0) qr_bgr.copyTo(out(cv::Rect(x, y_top, qr_bgr.cols, qr_bgr.rows)));
  }
  return out;
}

cv::Mat Degrade(const cv::Mat& printed, double strength, std::uint32_t seed) {
  std::mt19937 random(seed);
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  const int margin = printed.cols / 8;
  cv::Mat out = OnBackground(printed, margin, 60);
  out = Rotate(out, 8.0 * strength * unit(random), 60);
  out = Perspective(out, 0.04 * strength, seed, 60);
  out = AddNoise(out, 2.0 + 10.0 * strength, seed);
  if (strength > 0.3) out = Blur(out, 3);
  return out;
}

}  // namespace kiosk::papers
