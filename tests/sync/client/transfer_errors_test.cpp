#include "sync/client/transfer_errors.h"

#include <gtest/gtest.h>

namespace kiosk::sync {
namespace {

TEST(TransferErrorsTest, NetworkFailures_Retriable) {
  for (CURLcode code : {CURLE_COULDNT_CONNECT, CURLE_OPERATION_TIMEDOUT, CURLE_SEND_ERROR,
                        CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_COULDNT_RESOLVE_PROXY,
                        CURLE_PARTIAL_FILE, CURLE_SSL_CONNECT_ERROR}) {
    Error error = TransferError(code, "Connection reset by peer");
    EXPECT_TRUE(error.retriable()) << curl_easy_strerror(code);
  }
  EXPECT_EQ(TransferError(CURLE_OPERATION_TIMEDOUT, "").code(), ErrorCode::kTimeout);
  EXPECT_EQ(TransferError(CURLE_COULDNT_CONNECT, "").code(), ErrorCode::kServiceUnavailable);
}

TEST(TransferErrorsTest, CertificateFailures_ClearAndNotRetriable) {
  Error server = TransferError(CURLE_PEER_FAILED_VERIFICATION, "unable to get local issuer certificate");
  EXPECT_FALSE(server.retriable());
  EXPECT_EQ(server.code(), ErrorCode::kVerificationFailed);
  Error refused = TransferError(CURLE_RECV_ERROR,
                                "OpenSSL SSL_read: error:0A000415:SSL routines::sslv3 alert certificate expired");
  EXPECT_FALSE(refused.retriable());
  EXPECT_EQ(refused.code(), ErrorCode::kVerificationFailed);
  EXPECT_FALSE(TransferError(CURLE_SSL_CONNECT_ERROR, "tlsv1 alert unknown ca").retriable());
  EXPECT_FALSE(TransferError(CURLE_SSL_CERTPROBLEM, "").retriable());
}

TEST(TransferErrorsTest, HttpStatuses_MappedOnce) {
  EXPECT_TRUE(HttpError(500, "").retriable());
  EXPECT_TRUE(HttpError(503, "").retriable());
  EXPECT_TRUE(HttpError(429, "").retriable());
  Error conflict = HttpError(409, R"({"error":"conflict","message":"A different packet"})");
  EXPECT_EQ(conflict.code(), ErrorCode::kConflict);
  EXPECT_FALSE(conflict.retriable());
  EXPECT_NE(conflict.detail().find("A different packet"), std::string::npos);
  EXPECT_FALSE(HttpError(400, "not json").retriable());
  EXPECT_EQ(HttpError(403, "").code(), ErrorCode::kVerificationFailed);
  EXPECT_EQ(HttpError(404, "").code(), ErrorCode::kNotFound);
}

TEST(TransferErrorsTest, Abort_IsCancelled) {
  EXPECT_EQ(TransferError(CURLE_ABORTED_BY_CALLBACK, "").code(), ErrorCode::kCancelled);
}

}  // namespace
}  // namespace kiosk::sync
