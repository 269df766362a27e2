// The caller's in-app messages and home-page counts.
#include "http/accounts/views.hpp"
#include "http/api.hpp"
#include "http/context.hpp"

namespace mvis::http {

void AddInboxRoutes(Router& router, AppServices& s) {
  router.Add("GET", "/api/v1/home", Access::kSignedIn, [&s](RequestContext& ctx) {
    return Reply(s.home.Home(ctx.actor()), [](const services::HomeView& h) {
      Json todos = Json::array();
      for (const auto& t : h.todos) todos.push_back({{"key", t.key}, {"count", t.count}});
      return Json{{"todos", todos}, {"unread_messages", h.unread_messages}};
    });
  });

  router.Add("GET", "/api/v1/inbox", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto page = ctx.Paging();
    if (!page) return ErrorResponse(page.error());
    bool unread = ctx.request().Query("unread") == "true";
    return Reply(s.inbox.List(ctx.actor(), unread, *page), [](const services::InboxPage& p) {
      Json j = PageJson(p.page, MessageJson);
      j["unread"] = p.unread;
      return j;
    });
  });

  router.Add("POST", "/api/v1/inbox/{id}/read", Access::kSignedIn, [&s](RequestContext& ctx) {
    auto id = ctx.IdParam("id");
    if (!id) return ErrorResponse(id.error());
    return ReplyEmpty(s.inbox.MarkRead(ctx.actor(), *id));
  });

  router.Add("POST", "/api/v1/inbox/read-all", Access::kSignedIn,
             [&s](RequestContext& ctx) { return ReplyEmpty(s.inbox.MarkAllRead(ctx.actor())); });
}

}  // namespace mvis::http
