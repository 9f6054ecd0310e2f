//! What never appears in an error, a `Debug` output or a log line: the one place that
//! decides it.
//!
//! - The API key travels only in a header marked sensitive, and no request header is ever
//!   kept in an error; webhook secrets are never printed ([`crate::webhooks`]).
//! - A URL shown anywhere loses its user and password.
//! - A URL outside the API (a pre-signed upload URL) also loses its query and fragment: the
//!   signature there lets anyone who reads it write to the storage until it expires. What
//!   the storage host answers can quote the signature back (S3's `SignatureDoesNotMatch`
//!   does), so every value of that query is also cut out of the error's body.

use reqwest::Url;

use crate::transport::TransportError;

/// The secrets of one call, to keep out of what it reports.
#[derive(Debug, Default)]
pub(crate) struct Secrets {
    /// Whether the call goes to a URL outside the API, whose query is secret.
    foreign: bool,
    /// The values of that query, raw and decoded.
    values: Vec<String>,
}

/// Values shorter than this are not secrets worth scrubbing (and would match everywhere).
const SHORTEST_SECRET: usize = 8;

/// What replaces a secret.
const REDACTED: &str = "[redacted]";

impl Secrets {
    /// The secrets of a call to `foreign` (a URL outside the API), or of an API call.
    pub(crate) fn of(foreign: Option<&Url>) -> Self {
        let Some(url) = foreign else {
            return Secrets::default();
        };
        let mut values: Vec<String> = url.query_pairs().map(|(_, v)| v.into_owned()).collect();
        if let Some(query) = url.query() {
            values.extend(
                query
                    .split('&')
                    .filter_map(|pair| Some(pair.split_once('=')?.1.to_owned())),
            );
        }
        // A credential is `key id/date/region/service/…`: an error body may quote the key id
        // alone.
        let pieces: Vec<String> = values
            .iter()
            .flat_map(|v| v.split('/').map(str::to_owned))
            .collect();
        values.extend(pieces);
        values.retain(|v| v.len() >= SHORTEST_SECRET);
        // Longest first, so a value that contains another is cut whole.
        values.sort_by_key(|v| std::cmp::Reverse(v.len()));
        values.dedup();
        Secrets {
            foreign: true,
            values,
        }
    }

    /// `url` as it may be shown.
    pub(crate) fn url(&self, url: &Url) -> Url {
        let mut shown = url.clone();
        let _ = shown.set_username("");
        let _ = shown.set_password(None);
        if self.foreign {
            if shown.query().is_some() {
                shown.set_query(Some(REDACTED));
            }
            shown.set_fragment(None);
        }
        shown
    }

    /// A transport error, with its URL as it may be shown.
    pub(crate) fn transport(&self, error: TransportError) -> TransportError {
        let shown = error.url().map(|url| self.url(url));
        error.with_url(shown)
    }

    /// `text` with every secret value cut out.
    pub(crate) fn scrub(&self, text: String) -> String {
        if !self.values.iter().any(|v| text.contains(v.as_str())) {
            return text;
        }
        self.values
            .iter()
            .fold(text, |text, secret| text.replace(secret.as_str(), REDACTED))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRESIGNED: &str = "https://uploads.example.com/a/b.jpg?X-Amz-Credential=AKIA0000%2F20261205&X-Amz-Signature=0123456789abcdef&x=1";

    #[test]
    fn a_foreign_url_is_shown_without_its_query() {
        let url = Url::parse(PRESIGNED).unwrap();
        let shown = Secrets::of(Some(&url)).url(&url);
        assert_eq!(
            shown.as_str(),
            "https://uploads.example.com/a/b.jpg?[redacted]"
        );
    }

    #[test]
    fn an_api_url_keeps_its_query_but_never_credentials() {
        let url = Url::parse("https://user:pw@api.example.com/v3/chats?limit=2").unwrap();
        let shown = Secrets::of(None).url(&url);
        assert_eq!(shown.as_str(), "https://api.example.com/v3/chats?limit=2");
    }

    #[test]
    fn a_body_that_quotes_the_signature_is_scrubbed_raw_and_decoded() {
        let url = Url::parse(PRESIGNED).unwrap();
        let body = "<SignatureProvided>0123456789abcdef</SignatureProvided>\
                    <Key>AKIA0000/20261205</Key><Raw>AKIA0000%2F20261205</Raw><x>1</x>";
        let scrubbed = Secrets::of(Some(&url)).scrub(body.to_owned());
        assert_eq!(
            scrubbed,
            "<SignatureProvided>[redacted]</SignatureProvided>\
             <Key>[redacted]</Key><Raw>[redacted]</Raw><x>1</x>"
        );
    }

    #[test]
    fn an_api_call_scrubs_nothing() {
        let text = "nothing secret here".to_owned();
        assert_eq!(Secrets::of(None).scrub(text.clone()), text);
    }
}
