// Passwords (argon2id through libsodium) and bearer tokens for server-mock.
#pragma once
#include <string>

namespace b2b::mock {

// Call once before any other function here; false if libsodium cannot start.
bool init_crypto();

// How expensive hashing is: Interactive is libsodium's recommendation for logins; Fast is for
// test fixtures that create many users (still argon2id, with its minimum cost).
enum class HashCost { Interactive, Fast };

// An encoded argon2id hash with its own salt and parameters; empty on failure (out of memory).
std::string hash_password(const std::string& password, HashCost cost);
bool verify_password(const std::string& encoded_hash, const std::string& password);

// 32 random bytes as 64 hex characters.
std::string new_token();

// A BLAKE2b digest of the text as hex: stable across runs and machines, for request fingerprints.
std::string digest_hex(const std::string& text);

}  // namespace b2b::mock
