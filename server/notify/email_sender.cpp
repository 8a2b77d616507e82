#include "server/notify/email_sender.h"

#include <Poco/Exception.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>

namespace steward::server::notify {

Result<void> PocoSmtpSender::send(const std::string& from, const std::string& to,
                                  const std::string& subject, const std::string& body) {
  const std::string where = host_ + ":" + std::to_string(port_);
  try {
    const Poco::Timespan timeout(static_cast<Poco::Timespan::TimeDiff>(timeout_.count()) * 1000);
    Poco::Net::StreamSocket socket;
    socket.connect(Poco::Net::SocketAddress(host_, port_), timeout);
    Poco::Net::SMTPClientSession session(socket);
    session.setTimeout(timeout);
    Poco::Net::MailMessage message;
    message.setSender(from);
    message.addRecipient(Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, to));
    message.setSubject(Poco::Net::MailMessage::encodeWord(subject, "UTF-8"));
    message.setContentType("text/plain; charset=UTF-8");
    message.setContent(body, Poco::Net::MailMessage::ENCODING_8BIT);
    session.login();
    session.sendMessage(message);
    session.close();
    return {};
  } catch (const Poco::Exception& e) {
    return makeError("smtp", where + ": " + e.displayText());
  } catch (const std::exception& e) {
    return makeError("smtp", where + ": " + e.what());
  }
}

}  // namespace steward::server::notify
