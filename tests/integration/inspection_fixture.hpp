// The fixture of the 双随机一公开 tests: the demo's district bureau, its inspectors and two
// enterprises of known credit classes, and helpers that add inspectors, create and read tasks,
// and upload a photo of a check.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "verification_fixture.hpp"

namespace mvis::testing {

inline constexpr char kSeed[] = "31415926535897932384";

// A 1×1 PNG with a tEXt chunk (metadata) between IHDR and IDAT.
inline std::string PngWithText() {
  auto crc = [](const std::string& data) {
    uint32_t c = 0xFFFFFFFFu;
    for (unsigned char b : data) {
      c ^= b;
      for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return c ^ 0xFFFFFFFFu;
  };
  auto be32 = [](uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                       static_cast<char>(v >> 8), static_cast<char>(v)};
  };
  auto chunk = [&](const std::string& type, const std::string& data) {
    return be32(static_cast<uint32_t>(data.size())) + type + data + be32(crc(type + data));
  };
  const std::string ihdr = be32(1) + be32(1) + std::string("\x08\x02\x00\x00\x00", 5);
  const std::string idat("\x78\x9c\x63\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00", 12);
  return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) +
         chunk("tEXt", std::string("Author\0Inspector GPS 30.59N", 27)) + chunk("IDAT", idat) +
         chunk("IEND", "");
}

// A photo upload: the file and the check it documents.
inline HttpResult UploadPhoto(Client& c, const std::string& path, const std::string& bytes,
                              const std::string& check_code) {
  const std::string boundary = "----mvisPhotoBoundary";
  const std::string body =
      "--" + boundary + "\r\nContent-Disposition: form-data; name=\"check_code\"\r\n\r\n" +
      check_code + "\r\n--" + boundary +
      "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.png\"\r\n"
      "Content-Type: image/png\r\n\r\n" +
      bytes + "\r\n--" + boundary + "--\r\n";
  return c.Send("POST", path, body, {"Content-Type: multipart/form-data; boundary=" + boundary});
}

class InspectionTest : public VerificationTest {
 protected:
  void SetUp() override {
    VerificationTest::SetUp();
    jiangan_ = std::make_unique<Client>(SignIn("jiangan"));
    li_ = std::make_unique<Client>(SignIn("jiangan_li"));
    zhou_ = std::make_unique<Client>(SignIn("jiangan_zhou"));
    // One filed charger each for 特来电-like "charger" and for "kuaichong", both in 江岸区.
    Client kuaichong = SignIn("kuaichong");
    std::vector<int64_t> ids;
    for (Client* c : {enterprise_.get(), &kuaichong}) {
      auto body = Charger("IN" + std::to_string(ids.size() + 1));
      body["submit"] = true;
      auto r = c->Post("/api/v1/instruments", body);
      ASSERT_EQ(r.status, 201) << r.body;
      ids.push_back(r.json()["id"]);
      const json me = c->Get("/api/v1/me").json();
      (c == enterprise_.get() ? charger_org_ : kuaichong_org_) =
          me["user"]["org_id"].get<int64_t>();
    }
    ASSERT_EQ(jiangan_->Post("/api/v1/instruments/review", {{"ids", ids}, {"decision", "approve"}})
                  .status,
              200);
    // Classes: "charger" high risk (D, drawn at 100 %), "kuaichong" never computed (B).
    auto o =
        jiangan_->Put("/api/v1/enterprises/" + std::to_string(charger_org_) + "/credit/override",
                      {{"class", "D"}, {"reason", "多次检定不合格"}});
    ASSERT_EQ(o.status, 200) << o.body;
  }

  int64_t UserId(const std::string& name) {
    const json candidates = jiangan_->Get("/api/v1/inspectors/candidates").json();
    for (const auto& u : candidates["items"])
      if (u["name"] == name) return u["user_id"];
    ADD_FAILURE() << "no candidate " << name;
    return 0;
  }

  int64_t AddInspector(const std::string& name, const std::string& cert_expiry) {
    auto r = jiangan_->Post("/api/v1/inspectors", {{"user_id", UserId(name)},
                                                   {"cert_no", "鄂执420102" + name},
                                                   {"cert_expiry", cert_expiry}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json()["id"];
  }

  std::string NewTask(const std::string& name = "2027年第一批充电桩双随机抽查") {
    const json items = jiangan_->Get("/api/v1/inspection-items").json()["items"];
    EXPECT_EQ(items.size(), 1u);
    auto r = jiangan_->Post("/api/v1/inspection-tasks",
                            {{"name", name},
                             {"item_id", items[0]["id"]},
                             {"region_code", "420102"},
                             {"task_date", clock_->Today()},
                             {"directed", false},
                             {"ratios", {{"A", 0.05}, {"B", 0.2}, {"C", 0.3}, {"D", 1}}}});
    EXPECT_EQ(r.status, 201) << r.body;
    return "/api/v1/inspection-tasks/" + r.json()["id"].dump();
  }

  // The object of `org` in a task detail.
  static json ObjectOf(const json& task, int64_t org) {
    for (const auto& b : task["objects"])
      if (b["org_id"] == org) return b;
    return nullptr;
  }

  static std::vector<std::string> ActiveNames(const json& object) {
    std::vector<std::string> out;
    for (const auto& a : object["inspectors"])
      if (a["active"].get<bool>()) out.push_back(a["name"]);
    return out;
  }

  Client& ClientOf(const std::string& name) {
    if (name == "李建国") return *li_;
    if (name == "周明") return *zhou_;
    return *jiangan_;
  }

  std::unique_ptr<Client> jiangan_, li_, zhou_;
  int64_t charger_org_ = 0, kuaichong_org_ = 0;
};

}  // namespace mvis::testing
