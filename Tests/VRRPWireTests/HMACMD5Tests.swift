import Testing
import VRRPWire

@Suite("MD5 and HMAC-MD5")
struct HMACMD5Tests {
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// RFC 1321 §A.5, the test suite.
    @Test(
        "MD5 digests of the RFC 1321 test suite",
        arguments: [
            ("", "d41d8cd98f00b204e9800998ecf8427e"),
            ("a", "0cc175b9c0f1b6a831c399e269772661"),
            ("abc", "900150983cd24fb0d6963f7d28e17f72"),
            ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
            ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
            (
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
                "d174ab98d277d9f5a5611c2c9f419d9f"
            ),
            (
                "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
                "57edf4a22be3c955ac49da2e2107b67a"
            ),
        ])
    func md5(_ input: String, _ digest: String) {
        #expect(Self.hex(MD5.digest(Array(input.utf8))) == digest)
    }

    @Test("MD5 gives the same digest whatever the pieces the message is fed in, across block boundaries")
    func pieces() {
        let message = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let whole = MD5.digest(message)
        for split in [1, 55, 56, 63, 64, 65, 128, 199] {
            var md5 = MD5()
            md5.update(message[..<split])
            md5.update(message[split...])
            #expect(md5.finalize() == whole, "split at \(split)")
        }
    }

    /// RFC 2202 §2, test cases 1–7.
    @Test(
        "HMAC-MD5 of the RFC 2202 test cases",
        arguments: [
            ([UInt8](repeating: 0x0B, count: 16), Array("Hi There".utf8), "9294727a3638bb1c13f48ef8158bfc9d"),
            (Array("Jefe".utf8), Array("what do ya want for nothing?".utf8), "750c783e6ab0b503eaa86e310a5db738"),
            (
                [UInt8](repeating: 0xAA, count: 16), [UInt8](repeating: 0xDD, count: 50),
                "56be34521d144c88dbb8c733f0e8b3f6"
            ),
            (
                (1...25).map { UInt8($0) }, [UInt8](repeating: 0xCD, count: 50),
                "697eaf0aca3a3aea3a75164746ffaa79"
            ),
            (
                [UInt8](repeating: 0x0C, count: 16), Array("Test With Truncation".utf8),
                "56461ef2342edc00f9bab995690efd4c"
            ),
            (
                [UInt8](repeating: 0xAA, count: 80),
                Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
                "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd"
            ),
            (
                [UInt8](repeating: 0xAA, count: 80),
                Array("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data".utf8),
                "6f630fad67cda0ee1fb1f562db3aa53e"
            ),
        ])
    func hmac(_ key: [UInt8], _ message: [UInt8], _ code: String) {
        #expect(Self.hex(HMACMD5.authenticationCode(key: key, message: message)) == code)
    }

    @Test("RFC 2202 test case 5 truncated to 96 bits is the HMAC-MD5-96 value")
    func truncated96() {
        let code = HMACMD5.authenticationCode(
            key: [UInt8](repeating: 0x0C, count: 16), message: Array("Test With Truncation".utf8))
        #expect(Self.hex(Array(code.prefix(12))) == "56461ef2342edc00f9bab995")
    }
}
