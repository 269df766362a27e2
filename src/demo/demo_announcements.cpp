// The city bureau's 通知公告 in the demo: two published (one to everyone, pinned; one to the
// enterprises) and a draft, written through the service like the bureau's clerk would.
#include "demo/demo_seed.hpp"

namespace mvis::demo {

Result<int> SeedDemoAnnouncements(const services::ServiceContext& ctx,
                                  services::AnnouncementService& announcements) {
  auto city = DemoActor(ctx.db, "city");
  if (!city) return std::unexpected(city.error());
  auto existing = announcements.List(*city, {}, domain::PageRequest{1, 1});
  if (!existing) return std::unexpected(existing.error());
  if (existing->page.total > 0) return 0;

  struct Notice {
    domain::AnnouncementDraft draft;
    bool publish;
  };
  const Notice notices[] = {
      {{"关于开展2027年度电动汽车充电桩强制检定工作的通知",
        "各运营企业、各区市场监管局、市计量检定测试院：\n"
        "根据《中华人民共和国计量法》和国家市场监管总局关于电动汽车充电桩计量监督管理的要求，"
        "用于贸易结算的电动汽车充电桩属于强制检定的工作计量器具。现就2027年度检定工作通知如下：\n"
        "一、运营企业应于投入使用前通过本系统向安装地所在区市场监管局办理强制检定备案，"
        "并向检定机构申请首次检定；已到期的充电桩应在有效期届满前申请周期检定。\n"
        "二、检定机构按JJG 1148-2022、JJG "
        "1149-2022实施检定，检定合格的出具检定证书并加贴合格标识。\n"
        "三、各区市场监管局加强对辖区内充电桩的监督检查，对未按规定申请检定或检定不合格继续使用的，"
        "依法查处。\n"
        "特此通知。",
        true,
        {},
        {}},
       true},
      {{"关于核查充电桩备案信息的通知",
        "各运营企业：\n请于12月31日前登录本系统核对已备案充电桩的安装地址、充电站名称和设备编码，"
        "信息有误的请申请变更备案；已停用或拆除的充电桩请及时办理注销。",
        false,
        {"enterprise"},
        {}},
       true},
      {{"关于开展充电桩计量监督抽查的通知",
        "各区市场监管局：\n市局将于2027年第一季度组织开展充电桩计量监督抽查，具体安排另行通知。",
        false,
        {"district_regulator"},
        {}},
       false},
  };
  int made = 0;
  for (const auto& n : notices) {
    auto created = announcements.Create(*city, n.draft);
    if (!created) return std::unexpected(created.error());
    if (n.publish) {
      auto published = announcements.Publish(*city, created->row.a.id);
      if (!published) return std::unexpected(published.error());
    }
    ++made;
  }
  return made;
}

}  // namespace mvis::demo
