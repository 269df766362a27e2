// Demo data of the verification business, made through the same service calls users make.
#include "demo/demo_seed.hpp"
#include "domain/calendar.hpp"
#include "domain/time.hpp"
#include "store/appointments_store.hpp"
#include "store/institutes_store.hpp"
#include "store/instrument_types_store.hpp"
#include "store/instruments_store.hpp"

namespace mvis::demo {

using namespace mvis::services;  // demo data is made through the services
namespace {

struct Actors {
  Actor verifier, checker, approver;
};

Status SignAll(VerificationService& verifications, const Actors& a, int64_t id, int signatures) {
  const Actor* who[] = {&a.verifier, &a.checker, &a.approver};
  const char* duty[] = {"verifier", "checker", "approver"};
  for (int i = 0; i < signatures; ++i) {
    auto signed_ = verifications.Sign(*who[i], id, duty[i], kDemoPassword);
    if (!signed_) return std::unexpected(signed_.error());
  }
  return {};
}

}  // namespace

VerificationInput DemoRecord(const ServiceContext& ctx, int64_t appointment_id,
                             const domain::Instrument& instrument,
                             const std::vector<int64_t>& standards, double error_pct,
                             const std::string& kind) {
  store::Database& db = ctx.db;
  VerificationInput in;
  in.appointment_id = appointment_id;
  in.instrument_id = instrument.id;
  in.kind = kind;
  in.verified_on = ctx.clock.Today();
  in.standard_ids = standards;
  in.temperature_c = 22.5;
  in.humidity_pct = 55;
  in.insulation_mohm = 120;
  auto items = db.Read([&](store::Tx& tx) -> Result<std::vector<domain::CheckItem>> {
    auto type = store::FindInstrumentType(tx, instrument.data.type_code);
    return store::CheckItems(tx, type ? type->regulation : "");
  });
  if (items)
    for (const auto& item : *items) in.checklist.push_back({item.item, true, ""});
  double imax = instrument.data.charger && instrument.data.charger->max_current_a
                    ? *instrument.data.charger->max_current_a
                    : 32;
  double u = instrument.data.charger && instrument.data.charger->rated_voltage_v
                 ? *instrument.data.charger->rated_voltage_v
                 : 220;
  for (auto [share, err] : {std::pair{1.0, 0.2}, {0.5, error_pct}, {0.1, -0.3}}) {
    double standard = 5.0;
    in.load_points.push_back({imax * share, u, standard, standard * (1 + err / 100)});
  }
  if (instrument.data.charger && instrument.data.charger->tou_billing.value_or(false))
    in.clock_error_s = 2;
  return in;
}

Result<std::vector<int64_t>> DemoStandards(const ServiceContext& ctx, int64_t institute_org_id) {
  auto list = ctx.db.Read([&](store::Tx& tx) -> Result<std::vector<domain::Standard>> {
    return store::ListStandards(tx, institute_org_id, true);
  });
  if (!list) return std::unexpected(list.error());
  std::vector<int64_t> out;
  const std::string today = ctx.clock.Today();
  for (const auto& s : *list)
    if (s.valid_until >= today) out.push_back(s.id);
  return out;
}

Status DemoSign(VerificationService& verifications, store::Database& db, int64_t id,
                int signatures) {
  Actors staff;
  for (auto [name, actor] : {std::pair{"verifier", &staff.verifier},
                             {"checker", &staff.checker},
                             {"approver", &staff.approver}}) {
    auto a = DemoActor(db, name);
    if (!a) return std::unexpected(a.error());
    *actor = *a;
  }
  return SignAll(verifications, staff, id, signatures);
}

Result<int> SeedDemoVerifications(const ServiceContext& ctx, AppointmentService& appointments,
                                  VerificationService& verifications) {
  store::Database& db = ctx.db;
  auto existing = db.Read([](store::Tx& tx) -> Result<int64_t> {
    return store::CountAppointments(tx, store::AppointmentFilter{});
  });
  if (!existing) return std::unexpected(existing.error());
  if (*existing > 0) return 0;

  Actors staff;
  for (auto [name, actor] : {std::pair{"verifier", &staff.verifier},
                             {"checker", &staff.checker},
                             {"approver", &staff.approver}}) {
    auto a = DemoActor(db, name);
    if (!a) return std::unexpected(a.error());
    *actor = *a;
  }
  const int64_t institute = *staff.verifier.org_id;
  std::vector<int64_t> standards;
  auto list = db.Read([&](store::Tx& tx) -> Result<std::vector<domain::Standard>> {
    return store::ListStandards(tx, institute, true);
  });
  if (!list) return std::unexpected(list.error());
  const std::string today = ctx.clock.Today();
  for (const auto& s : *list)
    if (s.valid_until >= today) standards.push_back(s.id);

  int issued = 0;
  struct Plan {
    const char* enterprise;
    int count;
    const char* stage;  // draft | submitted | scheduled | completed
  };
  const Plan plans[] = {{"charger", 6, "completed"},
                        {"charger", 3, "scheduled"},
                        {"charger", 4, "submitted"},
                        {"charger", 2, "draft"},
                        {"kuaichong", 3, "submitted"}};
  std::map<std::string, int> taken;
  for (const auto& plan : plans) {
    auto owner = DemoActor(db, plan.enterprise);
    if (!owner) return std::unexpected(owner.error());
    store::InstrumentFilter f;
    f.org_id = owner->org_id;
    f.statuses = {domain::FilingStatus::kApproved};
    f.change_pending = false;
    f.sort = "id";
    f.descending = false;
    auto rows = db.Read([&](store::Tx& tx) -> Result<domain::Page<domain::Instrument>> {
      return store::ListInstruments(tx, f, {1, 200});
    });
    if (!rows) return std::unexpected(rows.error());
    std::vector<domain::Instrument> picked;
    int skip = taken[plan.enterprise];
    for (const auto& r : rows->items) {
      if (!r.data.type_code.starts_with("ev_") || !r.mandatory) continue;
      if (skip-- > 0) continue;
      picked.push_back(r);
      if (static_cast<int>(picked.size()) == plan.count) break;
    }
    taken[plan.enterprise] += static_cast<int>(picked.size());
    if (picked.empty()) continue;
    AppointmentInput in;
    in.mode = std::string(plan.stage) == "completed" ? "on_site" : "send_in";
    in.institute_org_id = institute;
    for (const auto& r : picked) in.instrument_ids.push_back(r.id);
    in.preferred_date = domain::AddDays(today, 3);
    in.contact_name = plan.enterprise == std::string("charger") ? "张经理" : "李主管";
    in.contact_phone = plan.enterprise == std::string("charger") ? "13900000006" : "13900000007";
    in.notes = "请提前一天电话联系";
    std::string stage = plan.stage;
    auto booked = appointments.Create(*owner, in, stage != "draft");
    if (!booked) return std::unexpected(booked.error());
    if (stage == "draft" || stage == "submitted") continue;
    int64_t id = booked->appointment.id;
    if (auto a = appointments.Accept(staff.approver, id); !a) return std::unexpected(a.error());
    if (auto s = appointments.Schedule(staff.approver, id, today, {staff.verifier.user_id}); !s)
      return std::unexpected(s.error());
    for (size_t i = 0; i < picked.size(); ++i) {
      if (stage == "scheduled" && i == 2) break;  // the third one is still to be verified
      bool fail = stage == "completed" && i == picked.size() - 1;
      auto record = verifications.Create(
          staff.verifier, DemoRecord(ctx, id, picked[i], standards, fail ? 2.6 : 0.4));
      if (!record) return std::unexpected(record.error());
      int signatures = stage == "completed" ? 3 : static_cast<int>(i) + 1;
      if (auto ok = SignAll(verifications, staff, record->record.id, signatures); !ok)
        return std::unexpected(ok.error());
      if (signatures == 3) ++issued;
    }
  }
  return issued;
}

}  // namespace mvis::demo
