// Batch import: template download, upload, preview, corrections, commit and error report.
#include "http/api.hpp"
#include "http/context.hpp"
#include "http/multipart.hpp"
#include "http/registry/views.hpp"

namespace mvis::http {
namespace {

Response XlsxFile(std::string bytes, const std::string& ascii_name,
                  const std::string& utf8_name_encoded) {
  Response r;
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + ascii_name +
                                                    "\"; filename*=UTF-8''" + utf8_name_encoded);
  r.headers.emplace_back("Cache-Control", "no-store");
  r.body = std::move(bytes);
  return r;
}

Json ErrorJson(const services::ImportError& e) {
  return Json{{"row", e.row},
              {"column", e.column},
              {"field", e.field},
              {"code", e.code},
              {"message", e.message}};
}

Json RowJson(const services::ImportRowView& r) {
  Json errors = Json::array();
  for (const auto& e : r.errors) errors.push_back(ErrorJson(e));
  return Json{
      {"row", r.row}, {"state", domain::ToString(r.state)}, {"data", r.data}, {"errors", errors}};
}

Json SummaryJson(const services::ImportSummary& s) {
  const auto& r = s.record;
  Json errors = Json::array();
  for (const auto& e : s.errors) errors.push_back(ErrorJson(e));
  return Json{
      {"id", r.id},
      {"filename", r.filename},
      {"status", domain::ToString(r.status)},
      {"rows_total", r.rows_total},
      {"rows_valid", r.rows_valid},
      {"rows_existing", r.rows_existing},
      {"rows_error", s.rows_error},
      {"progress", r.progress},
      {"created", r.created_count},
      {"error", r.error_code.empty() ? Json(nullptr)
                                     : Json{{"code", r.error_code}, {"message", r.error_message}}},
      {"errors", errors},
      {"errors_truncated",
       s.rows_error > 0 && s.errors.size() >= services::ImportService::kMaxListedErrors}};
}

Result<std::pair<int64_t, int64_t>> ImportAndRow(RequestContext& ctx) {
  auto id = ctx.IdParam("id");
  if (!id) return std::unexpected(id.error());
  auto row = ctx.IdParam("row");
  if (!row) return std::unexpected(row.error());
  return std::pair{*id, *row};
}

}  // namespace

void AddImportRoutes(Router& router, AppServices& s) {
  router.Add("GET", "/api/v1/instruments/import-template", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto bytes = s.imports.Template(ctx.actor());
               if (!bytes) return ErrorResponse(bytes.error());
               return XlsxFile(
                   std::move(*bytes), "mvis-import-template.xlsx",
                   "%E5%BC%BA%E6%A3%80%E5%99%A8%E5%85%B7%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.xlsx");
             });

  router.Add("POST", "/api/v1/instruments/imports", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto parts = ParseMultipart(ctx.request().Header("content-type"), ctx.request().body);
    if (!parts) return ErrorResponse(parts.error());
    const FormPart* file = nullptr;
    for (const auto& p : *parts) {
      if (p.name == "file") file = &p;
    }
    if (!file)
      return ErrorResponse(InvalidField("file", "file_required", "请选择要上传的文件").error());
    bool async = ctx.request().Query("async") == "true";
    auto summary = s.imports.Upload(ctx.actor(), file->filename, std::string(file->data), !async);
    return Reply(summary, SummaryJson, async ? 202 : 201);
  });

  router.Add("GET", "/api/v1/instruments/imports/{id}", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto page = ctx.Paging();
               if (!page) return ErrorResponse(page.error());
               return Reply(s.imports.Detail(ctx.actor(), *id, ctx.request().Query("state"), *page),
                            [](const services::ImportDetail& d) {
                              Json j = SummaryJson(d.summary);
                              j["rows"] = PageJson(d.rows, RowJson);
                              return j;
                            });
             });

  router.Add("PUT", "/api/v1/instruments/imports/{id}/rows/{row}", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto ids = ImportAndRow(ctx);
               if (!ids) return ErrorResponse(ids.error());
               auto body = ctx.Body();
               if (!body) return ErrorResponse(body.error());
               return Reply(s.imports.UpdateRow(ctx.actor(), ids->first, ids->second, *body),
                            RowJson);
             });

  router.Add("DELETE", "/api/v1/instruments/imports/{id}/rows/{row}", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto ids = ImportAndRow(ctx);
               if (!ids) return ErrorResponse(ids.error());
               return ReplyEmpty(s.imports.RemoveRow(ctx.actor(), ids->first, ids->second));
             });

  router.Add("POST", "/api/v1/instruments/imports/{id}/commit", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               return Reply(s.imports.Commit(ctx.actor(), *id), [](int64_t n) {
                 return Json{{"created", n}};
               });
             });

  router.Add("GET", "/api/v1/instruments/imports/{id}/error-report", Access::kSignedIn,
             [&s](RequestContext& ctx) {
               auto id = ctx.IdParam("id");
               if (!id) return ErrorResponse(id.error());
               auto bytes = s.imports.ErrorReport(ctx.actor(), *id);
               if (!bytes) return ErrorResponse(bytes.error());
               return XlsxFile(std::move(*bytes), "import-errors.xlsx",
                               "%E5%AF%BC%E5%85%A5%E9%94%99%E8%AF%AF%E8%A1%8C.xlsx");
             });
}

}  // namespace mvis::http
