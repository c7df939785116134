#pragma once
// The block-cipher primitives of ICAO 9303 secure messaging, on OpenSSL 3 EVP. Hand-written only
// where OpenSSL has no ready algorithm: the ISO 9797-1 retail MAC (MAC algorithm 3) is built from
// DES-EDE3 with the same key three times, because the default provider has no single DES.
//
// Keys are 16 bytes (two-key 3DES, K1||K2) or 16/24/32 bytes (AES). Inputs to the CBC functions
// must be a multiple of the block size (pad first).

#include <cstdint>

#include "kiosk/core/result.h"
#include "kiosk/core/secret.h"
#include "kiosk/emrtd/protocol/apdu.h"

namespace kiosk::emrtd::crypto {

// ISO/IEC 9797-1 padding method 2: 80 then zeros up to a multiple of block_size.
Bytes Pad(ByteView data, size_t block_size);
// Strict inverse of Pad: fails unless the data ends with 80 00…00 (fewer than block_size zeros).
Result<Bytes> Unpad(ByteView data, size_t block_size);

Result<Bytes> TripleDesCbc(const SecretBytes& key16, ByteView iv8, ByteView data, bool encrypt);
// ISO 9797-1 MAC algorithm 3 (retail MAC) with padding method 2 applied here.
Result<Bytes> RetailMac(const SecretBytes& key16, ByteView data);

Result<Bytes> AesCbc(const SecretBytes& key, ByteView iv16, ByteView data, bool encrypt);
// One AES block in ECB mode (the SM IV is E(K, SSC)).
Result<Bytes> AesEncryptBlock(const SecretBytes& key, ByteView block16);
// AES-CMAC over data (no padding added here: CMAC pads itself), full 16 bytes.
Result<Bytes> AesCmac(const SecretBytes& key, ByteView data);

Bytes Sha1(ByteView data);
Result<Bytes> RandomBytes(size_t count);

// Sets each byte's least significant bit so the byte has odd parity (DES key parity).
void AdjustDesParity(uint8_t* key, size_t size);

}  // namespace kiosk::emrtd::crypto
