// Verification records with their three signatures, and the certificates / result notices
// issued from them (every revision kept), with per-institute yearly numbering.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/certificate.hpp"
#include "domain/verification_record.hpp"
#include "store/database.hpp"
#include "store/page.hpp"

namespace mvis::store {

struct VerificationFilter {
  std::optional<int64_t> institute_org_id;
  std::optional<int64_t> org_id;  // the instrument's owner
  std::optional<std::vector<std::string>> region_codes;
  std::vector<domain::RecordStatus> statuses;  // empty: any
  std::optional<int64_t> appointment_id;
  std::optional<int64_t> instrument_id;
  std::string query;                       // serial number, model, owner name
  std::string verified_from, verified_to;  // YYYY-MM-DD, inclusive; "" when open
};

int64_t InsertVerification(Tx& tx, const domain::VerificationRecord& v);
// Writes the data, conclusion, status, signatures and reason of `v`, provided the stored record
// is still in `expected` status; false (nothing written) otherwise.
bool UpdateVerification(Tx& tx, const domain::VerificationRecord& v, domain::RecordStatus expected);
std::optional<domain::VerificationRecord> FindVerification(Tx& tx, int64_t id);
Page<domain::VerificationRecord> ListVerifications(Tx& tx, const VerificationFilter& f,
                                                   const PageRequest& page);
int64_t CountVerifications(Tx& tx, const VerificationFilter& f);
// A record of `instrument_id` in `appointment_id` that is not yet approved.
std::optional<int64_t> FindOpenVerification(Tx& tx, int64_t appointment_id, int64_t instrument_id);
// Whether `instrument_id` has an approved record in `appointment_id`.
bool HasApprovedVerification(Tx& tx, int64_t appointment_id, int64_t instrument_id);

struct CertificateFilter {
  std::optional<int64_t> institute_org_id;
  std::optional<int64_t> org_id;
  std::optional<std::vector<std::string>> region_codes;
  std::optional<int64_t> instrument_id;
  std::optional<domain::DocumentKind> kind;
  std::optional<domain::LiveStatus> status;  // judged on `today` (valid, expired)
  std::string today;
  std::string query;                   // number, owner name
  std::string issued_from, issued_to;  // YYYY-MM-DD, inclusive; "" when open
};

// The next number in the institute's yearly sequence for `kind` (starts at 1).
int64_t NextCertificateSequence(Tx& tx, int64_t institute_org_id, int year,
                                domain::DocumentKind kind);
// Inserts a revision; a second revision with the same number and revision number, or a second
// first revision for one verification record, violates a unique index (kConflict).
int64_t InsertCertificate(Tx& tx, const domain::Certificate& c);
// Sets revision `id`'s status provided it is still `expected`; false (nothing written) otherwise.
bool SetCertificateStatus(Tx& tx, int64_t id, domain::CertificateStatus status,
                          const std::string& reason, domain::CertificateStatus expected);
// The latest revision of `number`.
std::optional<domain::Certificate> FindCertificate(Tx& tx, const std::string& number);
std::optional<domain::Certificate> FindCertificateRevision(Tx& tx, const std::string& number,
                                                           int revision);
std::vector<domain::Certificate> ListCertificateRevisions(Tx& tx, const std::string& number);
// The same without the (large) snapshot column, for the public check.
std::vector<domain::Certificate> ListCertificateRevisionsLight(Tx& tx, const std::string& number);
std::string CertificateSnapshot(Tx& tx, int64_t certificate_id);
std::optional<domain::Certificate> FindCertificateOfVerification(Tx& tx, int64_t verification_id);
// Latest revisions only.
Page<domain::Certificate> ListCertificates(Tx& tx, const CertificateFilter& f,
                                           const PageRequest& page);
// The most recent document (any number) issued for the instrument: only id, number, kind and
// status are read (the live status needs no more).
std::optional<domain::Certificate> LatestCertificateOfInstrument(Tx& tx, int64_t instrument_id);

}  // namespace mvis::store
