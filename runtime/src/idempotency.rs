//! Idempotency keys: one per logical call, the same on every attempt, checked before anything
//! is sent. Where the key goes is the generator's knowledge: a header name, and a typed slot
//! in the body ([`IdempotencyKeySlot`]), never a path the runtime searches for.

/// A request body with a field for the idempotency key. The generator implements it for the
/// body of each operation whose spec declares `x-sdk-idempotency` with a `body_field`.
pub trait IdempotencyKeySlot {
    /// The field that carries the key.
    fn idempotency_key_slot(&mut self) -> &mut Option<String>;
}

/// The longest key the API accepts.
const MAX_KEY_LEN: usize = 255;

/// Checks a caller's key before anything is sent.
pub(crate) fn validate(key: &str) -> Result<(), String> {
    if key.is_empty() {
        return Err("the idempotency key is empty".into());
    }
    if key.chars().count() > MAX_KEY_LEN {
        return Err(format!(
            "the idempotency key is longer than {MAX_KEY_LEN} characters"
        ));
    }
    if key.chars().any(char::is_control) {
        return Err("the idempotency key contains control characters".into());
    }
    Ok(())
}

/// A fresh key for a call the caller gave none for: a UUID v4. Its 122 random bits come from
/// the thread's fast generator (seeded randomly per thread), not the OS: a key must be
/// unique, not secret, and a system call per send is a cost the happy path need not pay.
pub(crate) fn generate() -> String {
    let bytes = fastrand::u128(..).to_le_bytes();
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_up_to_255_characters_are_accepted() {
        assert!(validate(&"k".repeat(255)).is_ok());
        assert!(validate(&"é".repeat(255)).is_ok());
    }

    #[test]
    fn keys_over_255_characters_are_rejected() {
        assert!(validate(&"k".repeat(256)).is_err());
    }

    #[test]
    fn keys_with_control_characters_are_rejected() {
        assert!(validate("abc\n").is_err());
    }

    #[test]
    fn an_empty_key_is_rejected() {
        assert!(validate("").is_err());
    }

    #[test]
    fn generated_keys_are_distinct_uuids() {
        let (a, b) = (generate(), generate());
        assert_ne!(a, b);
        assert!(uuid::Uuid::parse_str(&a).is_ok());
    }
}
