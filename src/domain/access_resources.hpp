// How each business object presents itself to the access policy (domain/access_policy.hpp).
#pragma once

#include "domain/access_policy.hpp"
#include "domain/appointment.hpp"
#include "domain/certificate.hpp"
#include "domain/institute.hpp"
#include "domain/organisation.hpp"
#include "domain/registry.hpp"
#include "domain/verification_record.hpp"

namespace mvis::domain::access {

// An instrument: its owner and install district; released once submitted.
Resource ResourceOf(const Instrument& instrument);
// An organisation, located in its region.
Resource ResourceOf(const Organisation& org);
// An appointment: its enterprise, its institute, the districts of its instruments; released once
// submitted.
Resource ResourceOf(const Appointment& appointment);
// A verification record: the instrument's owner and district, the institute; released (to the
// owner and regulators) once approved.
Resource ResourceOf(const VerificationRecord& record);
// A certificate or result notice: the instrument's owner and district, the institute.
Resource ResourceOf(const Certificate& certificate);
// An institute's profile.
Resource ResourceOf(const InstituteProfile& profile);
// An institute's standard equipment.
Resource ResourceOf(const Standard& standard);

}  // namespace mvis::domain::access
