#include "http/verification/public_page.hpp"

#include "domain/time.hpp"

namespace mvis::http {
namespace {

constexpr char kHead[] = R"(<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>)";

constexpr char kStyle[] = R"(</title>
<style>
body{margin:0;font-family:-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;background:#f2f4f7;color:#1f2328}
main{max-width:560px;margin:0 auto;padding:16px}
header{font-size:14px;color:#606770;text-align:center;margin:8px 0 12px}
.card{background:#fff;border-radius:10px;box-shadow:0 1px 3px rgba(0,0,0,.08);padding:16px;margin-bottom:12px}
.status{text-align:center;padding:20px 12px;border-radius:10px;color:#fff;margin-bottom:12px}
.status h1{margin:0;font-size:26px;letter-spacing:2px}
.status p{margin:6px 0 0;font-size:14px;opacity:.95}
.valid{background:#1a7f37}.expired{background:#bf8700}.revoked,.failed,.invalid{background:#cf222e}.superseded{background:#6e7781}
dl{margin:0;display:grid;grid-template-columns:7em 1fr;row-gap:8px;column-gap:8px;font-size:15px}
dt{color:#606770}dd{margin:0;word-break:break-all}
h2{font-size:15px;margin:0 0 10px;color:#24292f}
ul{margin:0;padding-left:18px;font-size:14px;color:#424a53}
footer{font-size:12px;color:#8c959f;text-align:center;margin:16px 0}
.note{font-size:13px;color:#606770;margin:10px 0 0}.checked{font-size:13px;color:#606770;text-align:center;margin:4px 0}
</style></head><body><main>
<header>计量器具检定结果公示 · 二维码查验</header>
)";

constexpr char kFoot[] =
    "<footer>本页面由强制检定计量器具管理信息系统生成，检定结果以检定机构出具的证书为准。"
    "</footer></main></body></html>\n";

struct StatusText {
  const char* title;
  const char* detail;
};

StatusText TextOf(domain::LiveStatus status) {
  switch (status) {
    case domain::LiveStatus::kValid:
      return {"检定合格 · 有效", "该计量器具检定合格，且在有效期内"};
    case domain::LiveStatus::kExpired:
      return {"已过有效期", "检定有效期已过，该器具应重新检定后使用"};
    case domain::LiveStatus::kRevoked:
      return {"证书已注销", "该证书已被检定机构注销，标识无效"};
    case domain::LiveStatus::kSuperseded:
      return {"标识已失效", "该器具已有更新的检定证书，此标识已被替代"};
    case domain::LiveStatus::kFailed:
      return {"检定不合格", "该器具最近一次检定不合格，应停止用于贸易结算"};
  }
  return {"", ""};
}

std::string Row(const char* label, const std::string& value) {
  return std::string("<dt>") + label + "</dt><dd>" + HtmlEscape(value.empty() ? "—" : value) +
         "</dd>";
}

}  // namespace

std::string HtmlEscape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string RenderPublicPage(const services::PublicCheck& p) {
  const auto& c = p.certificate;
  const auto& ins = p.instrument;
  auto text = TextOf(p.status);
  std::string html;
  html.reserve(4096);
  html += kHead;
  html += text.title;
  html += kStyle;
  html += "<section class=\"status " + std::string(domain::ToString(p.status)) + "\"><h1>" +
          text.title + "</h1><p>" + text.detail + "</p></section>\n";
  html += "<section class=\"card\"><h2>计量器具</h2><dl>";
  html += Row("器具名称", ins.type_name);
  html += Row("型号规格", ins.model);
  html += Row("出厂编号", ins.serial_no);
  html += Row("制造单位", ins.manufacturer);
  html += Row("使用单位", c.org_name);
  html += Row("使用地区", ins.district);
  if (!ins.station.empty()) html += Row("充电站", ins.station);
  html += Row("安装地址", ins.install_address);
  html += "</dl></section>\n<section class=\"card\"><h2>检定信息</h2><dl>";
  html += Row("证书编号",
              c.number + (c.revision > 1 ? "（第" + std::to_string(c.revision) + "版）" : ""));
  html += Row("检定结论", c.kind == domain::DocumentKind::kCertificate ? "合格" : "不合格");
  html += Row("检定日期", c.verified_on);
  html += Row("有效期至", c.valid_until);
  html += Row("检定机构", c.institute_name);
  html += "</dl></section>\n";
  const bool revoked = c.status == domain::CertificateStatus::kRevoked;
  if (p.revisions.size() > 1 || revoked) {
    html += "<section class=\"card\"><h2>证书变更记录</h2><ul>";
    for (const auto& r : p.revisions) {
      if (r.revision == 1) continue;
      html += "<li>" + domain::ChinaDate(r.created_at) + " 修订为第" + std::to_string(r.revision) +
              "版：" + HtmlEscape(r.reason) + "</li>";
    }
    if (revoked) html += "<li>证书已注销：" + HtmlEscape(c.reason) + "</li>";
    html += "</ul></section>\n";
  }
  html += "<section class=\"card\"><h2>投诉举报</h2><dl>";
  html += Row("投诉举报电话", p.complaint_phone);
  if (!ins.bureau_name.empty()) {
    html += Row("属地监管部门", ins.bureau_name);
    if (!ins.bureau_phone.empty()) html += Row("监管部门电话", ins.bureau_phone);
  }
  html +=
      "</dl><p class=\"note\">如发现该器具计量不准、标识与器具不符或标识被涂改，请拨打上述电话"
      "反映。</p></section>\n";
  html += "<p class=\"checked\">查验时间：" + domain::ChinaDateTime(p.checked_at) +
          "（北京时间）</p>\n";
  html += kFoot;
  return html;
}

std::string RenderInvalidLabelPage() {
  return std::string(kHead) + "标识无效" + kStyle +
         "<section class=\"status invalid\"><h1>标识无效</h1><p>无法验证此二维码的真伪。该标识可能"
         "被伪造或篡改，请拨打 12315 或向当地市场监督管理部门反映。</p></section>\n" +
         kFoot;
}

std::string RenderRateLimitedPage() {
  return std::string(kHead) + "请求过于频繁" + kStyle +
         "<section class=\"status expired\"><h1>请求过于频繁</h1><p>请稍后再试。</p></section>\n" +
         kFoot;
}

std::string RenderUnavailablePage() {
  return std::string(kHead) + "暂时无法查询" + kStyle +
         "<section class=\"status superseded\"><h1>暂时无法查询</h1><p>系统繁忙，请稍后再试。"
         "</p></section>\n" +
         kFoot;
}

}  // namespace mvis::http
