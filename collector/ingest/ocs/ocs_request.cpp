#include "collector/ingest/ocs/ocs_request.h"

#include "shared/common/text.h"

#include <Poco/Exception.h>
#include <Poco/SAX/Attributes.h>
#include <Poco/SAX/ContentHandler.h>
#include <Poco/SAX/LexicalHandler.h>
#include <Poco/SAX/Locator.h>
#include <Poco/SAX/SAXParser.h>
#include <Poco/SAX/XMLReader.h>

#include <array>

namespace steward::collector::ingest::ocs {

namespace {

// FusionInventory uploads the agent's whole environment and every process command
// line; both can hold secrets, so they never leave the parser.
constexpr std::array<std::string_view, 2> kDroppedSections = {"ENVS", "PROCESSES"};

struct Rejection {
  std::string code;
  std::string message;
};

bool isDropped(const std::string& section) {
  for (auto name : kDroppedSections) {
    if (section == name) return true;
  }
  return false;
}

// Builds the OcsRequest from SAX events; throws Rejection, which Poco's parser
// passes through after freeing its state.
class RequestHandler : public Poco::XML::ContentHandler, public Poco::XML::LexicalHandler {
 public:
  RequestHandler(OcsRequest& out, const OcsParseLimits& limits) : out_(out), limits_(limits) {}

  // LexicalHandler: a DOCTYPE is refused before its internal subset is read.
  void startDTD(const Poco::XML::XMLString& name, const Poco::XML::XMLString&,
                const Poco::XML::XMLString&) override {
    throw Rejection{"doctype_rejected",
                    "DOCTYPE declarations are not accepted (<!DOCTYPE " + name + ">)"};
  }
  void endDTD() override {}
  void startEntity(const Poco::XML::XMLString&) override {}
  void endEntity(const Poco::XML::XMLString&) override {}
  void startCDATA() override {}
  void endCDATA() override {}
  void comment(const Poco::XML::XMLChar[], int, int) override {}

  // ContentHandler
  void setDocumentLocator(const Poco::XML::Locator* locator) override { locator_ = locator; }
  void startDocument() override {}
  void endDocument() override {}
  void startPrefixMapping(const Poco::XML::XMLString&, const Poco::XML::XMLString&) override {}
  void endPrefixMapping(const Poco::XML::XMLString&) override {}
  void processingInstruction(const Poco::XML::XMLString&, const Poco::XML::XMLString&) override {}
  void skippedEntity(const Poco::XML::XMLString& name) override {
    throw Rejection{"malformed_xml", "undefined entity &" + name + ";" + where()};
  }

  void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& local_name,
                    const Poco::XML::XMLString& qname, const Poco::XML::Attributes&) override {
    const std::string& name = local_name.empty() ? qname : local_name;
    if (path_.size() >= limits_.max_depth) {
      throw Rejection{"malformed_xml",
                      "elements nested deeper than " + std::to_string(limits_.max_depth) + where()};
    }
    if (path_.empty() && name != "REQUEST") {
      throw Rejection{"malformed_xml", "the root element must be <REQUEST>, got <" + name + ">"};
    }
    path_.push_back(name);
    text_.clear();
    if (inContent() && path_.size() == 3) {
      if (++entries_ > limits_.max_entries) {
        throw Rejection{"malformed_xml",
                        "more than " + std::to_string(limits_.max_entries) + " inventory entries"};
      }
      skipping_ = isDropped(name);
      if (!skipping_) out_.content.push_back(OcsEntry{name, {}, {}});
    }
  }

  void endElement(const Poco::XML::XMLString&, const Poco::XML::XMLString&,
                  const Poco::XML::XMLString&) override {
    if (path_.size() == 2 && path_[1] != "CONTENT") {
      std::string value = trimmed(text_);
      if (path_[1] == "DEVICEID") {
        out_.device_id = std::move(value);
      } else if (path_[1] == "QUERY") {
        out_.query = std::move(value);
      } else {
        out_.header.emplace_back(path_[1], std::move(value));
      }
    } else if (inContent() && path_.size() == 3 && !skipping_) {
      out_.content.back().text = trimmed(text_);
    } else if (inContent() && path_.size() >= 4 && !skipping_) {
      std::string field = path_[3];
      for (std::size_t i = 4; i < path_.size(); ++i) field += "/" + path_[i];
      out_.content.back().fields.emplace_back(std::move(field), trimmed(text_));
    }
    text_.clear();
    path_.pop_back();
  }

  void characters(const Poco::XML::XMLChar ch[], int start, int length) override {
    if (path_.size() == 2 || (inContent() && path_.size() >= 3 && !skipping_)) {
      text_.append(ch + start, static_cast<std::size_t>(length));
    }
  }
  void ignorableWhitespace(const Poco::XML::XMLChar[], int, int) override {}

 private:
  bool inContent() const { return path_.size() >= 2 && path_[1] == "CONTENT"; }
  std::string where() const {
    if (locator_ == nullptr) return "";
    return " (line " + std::to_string(locator_->getLineNumber()) + ")";
  }

  OcsRequest& out_;
  const OcsParseLimits& limits_;
  const Poco::XML::Locator* locator_ = nullptr;
  std::vector<std::string> path_;
  std::string text_;
  std::size_t entries_ = 0;
  bool skipping_ = false;
};

}  // namespace

const std::string& OcsEntry::get(std::string_view name) const {
  static const std::string kEmpty;
  for (const auto& [key, value] : fields) {
    if (key == name) return value;
  }
  return kEmpty;
}

std::vector<const OcsEntry*> OcsRequest::section(std::string_view name) const {
  std::vector<const OcsEntry*> out;
  for (const auto& entry : content) {
    if (entry.section == name) out.push_back(&entry);
  }
  return out;
}

const OcsEntry* OcsRequest::first(std::string_view name) const {
  for (const auto& entry : content) {
    if (entry.section == name) return &entry;
  }
  return nullptr;
}

Result<OcsRequest> parseOcsRequest(std::string_view xml, const OcsParseLimits& limits) {
  OcsRequest request;
  RequestHandler handler(request, limits);
  try {
    Poco::XML::SAXParser parser;
    parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, false);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_GENERAL_ENTITIES, false);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_PARAMETER_ENTITIES, false);
    parser.setContentHandler(&handler);
    parser.setProperty(Poco::XML::XMLReader::PROPERTY_LEXICAL_HANDLER,
                       static_cast<Poco::XML::LexicalHandler*>(&handler));
    parser.parseMemoryNP(xml.data(), xml.size());
  } catch (const Rejection& rejection) {
    return makeError(rejection.code, rejection.message);
  } catch (const Poco::Exception& e) {
    return makeError("malformed_xml", "the request is not well-formed XML: " + e.displayText());
  }
  if (request.device_id.empty()) {
    return makeError("missing_field", "<REQUEST> has no <DEVICEID> (or it is empty)");
  }
  if (request.query.empty()) {
    return makeError("missing_field", "<REQUEST> has no <QUERY> (or it is empty)");
  }
  return request;
}

}  // namespace steward::collector::ingest::ocs
