// Reading appointments: one with its detail, lists within the caller's scope, open counts.
#include "domain/access_resources.hpp"
#include "domain/phone.hpp"
#include "services/verification/appointment_service.hpp"
#include "services/verification/detail_views.hpp"
#include "store/appointments_store.hpp"

namespace mvis::services {

using domain::AppointmentStatus;
using domain::access::Kind;
using domain::access::Op;

namespace {

Result<store::AppointmentFilter> Scoped(const Actor& actor) {
  const auto subject = SubjectOf(actor);
  auto scope = domain::access::ScopeFor(subject, Kind::kAppointment);
  if (!scope.allowed)
    return std::unexpected(
        domain::access::CheckRole(subject, Kind::kAppointment, Op::kRead).error());
  store::AppointmentFilter f;
  f.org_id = scope.owner_org_id;
  f.institute_org_id = scope.institute_org_id;
  f.region_codes = scope.region_codes;
  f.exclude_drafts = scope.released_only;
  return f;
}

}  // namespace

Result<AppointmentDetail> AppointmentService::Get(const Actor& actor, int64_t id) {
  return ctx_.db.Read([&](store::Tx& tx) -> Result<AppointmentDetail> {
    auto a = verification::LoadAppointment(tx, actor, id, Op::kRead);
    if (!a) return std::unexpected(a.error());
    return verification::DetailOf(tx, actor, std::move(*a), ctx_.clock.Today());
  });
}

Result<domain::Page<AppointmentDetail>> AppointmentService::List(const Actor& actor,
                                                                 const AppointmentQuery& q,
                                                                 const domain::PageRequest& page) {
  auto f = Scoped(actor);
  if (!f) return std::unexpected(f.error());
  if (!q.status.empty()) {
    auto status = domain::ParseAppointmentStatus(q.status);
    if (!status) return InvalidField("status", "status_invalid", "预约状态无效");
    f->statuses = {*status};
  }
  if (!q.mode.empty()) {
    f->mode = domain::ParseAppointmentMode(q.mode);
    if (!f->mode) return InvalidField("mode", "mode_invalid", "预约方式无效");
  }
  f->query = q.query;
  const auto subject = SubjectOf(actor);
  return ctx_.db.Read([&](store::Tx& tx) -> Result<domain::Page<AppointmentDetail>> {
    auto rows = store::ListAppointments(tx, *f, page);
    domain::Page<AppointmentDetail> out;
    out.total = rows.total;
    for (auto& a : rows.items) {
      if (!domain::access::SeesContactPhone(subject, domain::access::ResourceOf(a)))
        a.contact_phone = domain::MaskPhone(a.contact_phone);
      AppointmentDetail d;
      d.appointment = std::move(a);
      out.items.push_back(std::move(d));
    }
    return out;
  });
}

Result<int64_t> AppointmentService::OpenCount(const Actor& actor) {
  auto f = Scoped(actor);
  if (!f) return std::unexpected(f.error());
  // An institute counts what waits for its acceptance; others what is still under way.
  f->statuses = actor.role == domain::Role::kInstitute
                    ? std::vector{AppointmentStatus::kSubmitted}
                    : std::vector{AppointmentStatus::kSubmitted, AppointmentStatus::kAccepted,
                                  AppointmentStatus::kScheduled};
  return ctx_.db.Read(
      [&](store::Tx& tx) -> Result<int64_t> { return store::CountAppointments(tx, *f); });
}

}  // namespace mvis::services
