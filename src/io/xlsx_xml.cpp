#include "io/xlsx_xml.hpp"

#include <expat.h>

#include <cstring>
#include <memory>

#include "io/xlsx_common.hpp"
#include "io/xlsx_prefetch.hpp"

namespace mvis::io::sheet {
namespace {

// SpreadsheetML nests about ten levels deep; a part nested far deeper is hostile (expat keeps a
// frame per open element).
constexpr int kMaxDepth = 256;
constexpr size_t kChunkBytes = 256 << 10;
// Entries declared at least this large are inflated on a second thread.
constexpr uint64_t kPrefetchBytes = 2 << 20;

}  // namespace

struct XmlRun {
  XmlHandler* handler;
  XML_Parser parser;
  std::string_view part;
  int depth = 0;
  bool dtd = false;

  void Stop(std::optional<Error> error) {
    if (handler->stopped_) return;
    handler->stopped_ = true;
    handler->error_ = std::move(error);
    XML_StopParser(parser, XML_FALSE);
  }

  static void XMLCALL Start(void* user, const XML_Char* name, const XML_Char** attributes) {
    auto* run = static_cast<XmlRun*>(user);
    if (run->handler->stopped_) return;
    if (++run->depth > kMaxDepth) {
      run->Stop(XmlInvalid(run->part, static_cast<int64_t>(XML_GetCurrentLineNumber(run->parser)))
                    .error());
      return;
    }
    run->handler->OnStart(LocalName(name), attributes);
  }

  static void XMLCALL End(void* user, const XML_Char* name) {
    auto* run = static_cast<XmlRun*>(user);
    if (run->handler->stopped_) return;
    --run->depth;
    run->handler->OnEnd(LocalName(name));
  }

  static void XMLCALL Text(void* user, const XML_Char* data, int size) {
    auto* run = static_cast<XmlRun*>(user);
    if (run->handler->stopped_ || !run->handler->wants_text_) return;
    run->handler->OnText(data, static_cast<size_t>(size));
  }

  static void XMLCALL Doctype(void* user, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    auto* run = static_cast<XmlRun*>(user);
    run->dtd = true;
    run->Stop(std::nullopt);
  }

  static void XMLCALL EntityDecl(void* user, const XML_Char*, int, const XML_Char*, int,
                                 const XML_Char*, const XML_Char*, const XML_Char*,
                                 const XML_Char*) {
    auto* run = static_cast<XmlRun*>(user);
    run->dtd = true;
    run->Stop(std::nullopt);
  }

  static int XMLCALL ExternalEntity(XML_Parser, const XML_Char*, const XML_Char*, const XML_Char*,
                                    const XML_Char*) {
    return XML_STATUS_ERROR;
  }
};

void XmlHandler::Abort(Error error) {
  if (stopped_) return;
  stopped_ = true;
  error_ = std::move(error);
  XML_StopParser(static_cast<XML_Parser>(parser_), XML_FALSE);
}

void XmlHandler::Finish() {
  if (stopped_) return;
  stopped_ = true;
  XML_StopParser(static_cast<XML_Parser>(parser_), XML_FALSE);
}

std::string_view LocalName(const char* qualified) {
  const char* start = qualified;
  const char* p = qualified;
  for (; *p != '\0'; ++p) {
    if (*p == ':') start = p + 1;
  }
  return std::string_view(start, static_cast<size_t>(p - start));
}

const char* Attribute(const char** attributes, std::string_view local_name) {
  for (const char** a = attributes; *a != nullptr; a += 2) {
    if (LocalName(*a) == local_name) return a[1];
  }
  return nullptr;
}

Status ParseXmlEntry(ZipPackage& package, size_t entry, XmlHandler& handler) {
  const std::string& part = package.name(entry);
  auto reader = package.OpenEntry(entry);
  if (!reader) return std::unexpected(reader.error());

  std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> parser(XML_ParserCreate(nullptr),
                                                                      &XML_ParserFree);
  if (!parser) return Internal("expat");
  XML_Parser p = parser.get();
  XmlRun run{&handler, p, part};
  handler.parser_ = p;
  handler.stopped_ = false;
  handler.error_.reset();
  XML_SetUserData(p, &run);
  XML_SetElementHandler(p, &XmlRun::Start, &XmlRun::End);
  XML_SetCharacterDataHandler(p, &XmlRun::Text);
  XML_SetStartDoctypeDeclHandler(p, &XmlRun::Doctype);
  XML_SetEntityDeclHandler(p, &XmlRun::EntityDecl);
  XML_SetExternalEntityRefHandler(p, &XmlRun::ExternalEntity);
  XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);

  // Feeds one chunk; returns the outcome once parsing is over, nullopt to go on.
  auto feed = [&](const char* data, size_t size, bool copy) -> std::optional<Status> {
    bool last = size == 0;
    XML_Status status = copy ? XML_Parse(p, data, static_cast<int>(size), last)
                             : XML_ParseBuffer(p, static_cast<int>(size), last);
    if (run.dtd) return XmlForbiddenDtd(part);
    if (handler.error_) return std::unexpected(*handler.error_);
    if (handler.stopped_) return Status{};  // the handler finished early
    if (status != XML_STATUS_OK) {
      return XmlInvalid(part, static_cast<int64_t>(XML_GetCurrentLineNumber(p)));
    }
    if (last) return Status{};
    return std::nullopt;
  };

  // A large part (a worksheet) inflates on a second thread while this one parses.
  if (reader->declared_size() >= kPrefetchBytes) {
    ChunkPrefetcher prefetcher(*reader);
    if (prefetcher.Start()) {
      for (;;) {
        auto chunk = prefetcher.Next();
        if (!chunk) return std::unexpected(chunk.error());
        if (auto done = feed(chunk->data(), chunk->size(), true)) return *done;
      }
    }
  }
  for (;;) {
    void* buffer = XML_GetBuffer(p, static_cast<int>(kChunkBytes));
    if (buffer == nullptr) return Internal("expat buffer");
    auto n = reader->Read(static_cast<char*>(buffer), kChunkBytes);
    if (!n) return std::unexpected(n.error());
    if (auto done = feed(nullptr, *n, false)) return *done;
  }
}

}  // namespace mvis::io::sheet
