#include "server/auth/token_verifier.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

namespace steward::server {
namespace {

TEST(TokenVerifierTest, Sha256HexMatchesTheStandardVector) {
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(TokenVerifierTest, AcceptsOnlyTheTokenWhoseHashIsConfigured) {
  auto verifier = TokenVerifier::fromSha256Hex(sha256Hex("s3cret"));
  ASSERT_TRUE(verifier) << verifier.error().message;
  EXPECT_TRUE(verifier->verify("s3cret"));
  EXPECT_FALSE(verifier->verify("s3cret "));
  EXPECT_FALSE(verifier->verify("S3cret"));
  EXPECT_FALSE(verifier->verify(""));
  // The hash itself is not the credential.
  EXPECT_FALSE(verifier->verify(sha256Hex("s3cret")));
}

TEST(TokenVerifierTest, UpperCaseHashWorksToo) {
  std::string hash = sha256Hex("s3cret");
  std::transform(hash.begin(), hash.end(), hash.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  auto verifier = TokenVerifier::fromSha256Hex(hash);
  ASSERT_TRUE(verifier);
  EXPECT_TRUE(verifier->verify("s3cret"));
}

TEST(TokenVerifierTest, RejectsAHashThatIsNot64HexDigits) {
  for (const std::string& bad : {std::string(), std::string(63, 'a'), std::string(65, 'a'),
                                 std::string(63, 'a') + "g", std::string("s3cret")}) {
    auto verifier = TokenVerifier::fromSha256Hex(bad);
    ASSERT_FALSE(verifier) << bad;
    EXPECT_EQ(verifier.error().code, "config_invalid");
    EXPECT_NE(verifier.error().message.find("64 hex digits"), std::string::npos);
  }
}

TEST(TokenVerifierTest, ReadsBearerTokensFromTheAuthorizationHeader) {
  EXPECT_EQ(TokenVerifier::bearerToken("Bearer abc123"), "abc123");
  EXPECT_EQ(TokenVerifier::bearerToken("bearer  abc123 "), "abc123");
  EXPECT_EQ(TokenVerifier::bearerToken("Basic dXNlcjpwYXNz"), "");
  EXPECT_EQ(TokenVerifier::bearerToken("Bearer"), "");
  EXPECT_EQ(TokenVerifier::bearerToken("Bearer "), "");
  EXPECT_EQ(TokenVerifier::bearerToken(""), "");
}

}  // namespace
}  // namespace steward::server
