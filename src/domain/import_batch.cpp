#include "domain/import_batch.hpp"

#include "domain/enum_names.hpp"

namespace mvis::domain {
namespace {

constexpr EnumName<ImportStatus> kStatuses[] = {{ImportStatus::kParsing, "parsing"},
                                                {ImportStatus::kReady, "ready"},
                                                {ImportStatus::kCommitted, "committed"},
                                                {ImportStatus::kFailed, "failed"}};
constexpr EnumName<ImportAction> kActions[] = {{ImportAction::kFinishParsing, "finish_parsing"},
                                               {ImportAction::kFail, "fail"},
                                               {ImportAction::kCommit, "commit"}};
constexpr EnumName<ImportRowState> kRowStates[] = {{ImportRowState::kValid, "valid"},
                                                   {ImportRowState::kError, "error"},
                                                   {ImportRowState::kExisting, "existing"},
                                                   {ImportRowState::kRemoved, "removed"}};

}  // namespace

std::string_view ToString(ImportStatus s) { return NameIn(kStatuses, s); }
std::optional<ImportStatus> ParseImportStatus(std::string_view s) { return ParseIn(kStatuses, s); }
std::string_view ToString(ImportAction a) { return NameIn(kActions, a); }
std::string_view ToString(ImportRowState s) { return NameIn(kRowStates, s); }
std::optional<ImportRowState> ParseImportRowState(std::string_view s) {
  return ParseIn(kRowStates, s);
}

Status CheckEditable(ImportStatus status) {
  if (status == ImportStatus::kCommitted) {
    return Fail(ErrorKind::kFailedPrecondition, "import_already_committed",
                "该批数据已保存，不能再修改或重复保存");
  }
  if (status != ImportStatus::kReady) {
    return Fail(ErrorKind::kFailedPrecondition, "import_not_ready", "文件尚未解析完成或解析失败");
  }
  return {};
}

Result<ImportStatus> NextStatus(ImportStatus from, ImportAction action) {
  switch (action) {
    case ImportAction::kFinishParsing:
    case ImportAction::kFail:
      if (from != ImportStatus::kParsing)
        return Fail(ErrorKind::kFailedPrecondition, "import_not_parsing", "文件已解析完成");
      return action == ImportAction::kFail ? ImportStatus::kFailed : ImportStatus::kReady;
    case ImportAction::kCommit:
      if (auto ok = CheckEditable(from); !ok) return std::unexpected(ok.error());
      return ImportStatus::kCommitted;
  }
  return ImportStatus::kFailed;
}

}  // namespace mvis::domain
