//! A call made ready to send: its one idempotency key fixed and put in place, the caller's
//! extra body fields merged, the URL built (once per call, then again per retry with the
//! same key); and what the builder hooks share on the way there: setting a header,
//! recording the first problem, whether the call may be repeated.

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE};
use reqwest::{Method, Url};

use super::{Body, Call};
use crate::error::{Error, Result};
use crate::idempotency;

/// A call in wire form, with its one idempotency key in place.
pub(crate) struct Prepared {
    pub(crate) url: Url,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Option<Bytes>,
}

impl Call {
    pub(crate) fn set_header(&mut self, name: &str, value: &str) {
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            (Ok(name), Ok(value)) => {
                self.headers.insert(name, value);
            }
            (Err(_), _) => self.invalid(format!("`{name}` is not a valid header name")),
            (_, Err(_)) => self.invalid(format!(
                "the value of header `{name}` contains characters not allowed in a header"
            )),
        }
    }

    pub(crate) fn invalid(&mut self, message: String) {
        self.invalid.get_or_insert(message);
    }

    /// Whether sending the call again cannot apply it twice: its method is idempotent, or it
    /// carries an idempotency key.
    pub(crate) fn repeatable(&self) -> bool {
        let idempotent_method = matches!(
            self.endpoint.method,
            Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS
        );
        idempotent_method || self.keyed
    }

    /// The URL, headers and body to send. The idempotency key is fixed here, once per call:
    /// the one the caller gave (with `idempotency_key`, in the key header or in the body
    /// field; two different ones are refused), else a fresh UUID v4; it goes in every place
    /// the operation reads it, and a keyed body is serialized with it, once.
    pub(crate) fn prepare(&mut self) -> Result<Prepared> {
        if let Some(problem) = &self.invalid {
            return Err(Error::InvalidRequest(problem.clone()));
        }
        let mut headers = match self.foreign {
            Some(_) => HeaderMap::new(),
            None => self.client.inner.headers.clone(),
        };
        headers.extend(self.headers.iter().map(|(k, v)| (k.clone(), v.clone())));
        if self.keyed {
            let key = self.fix_key()?;
            if let Body::Keyed(keyed) = &mut self.body {
                *keyed.key_slot() = Some(key.clone());
                let bytes = keyed.to_json().map_err(|e| {
                    Error::InvalidRequest(format!("the request body cannot be serialized: {e}"))
                })?;
                self.body = Body::Json(bytes.into());
            }
            if let Some(name) = self.key_header {
                let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                    Error::InvalidRequest(format!("`{name}` is not a valid header name"))
                })?;
                let value = HeaderValue::from_str(&key).map_err(|_| {
                    Error::InvalidRequest("the idempotency key is not a valid header value".into())
                })?;
                headers.insert(name, value);
            }
            // Fixed: a later `prepare` of this call sends the same key.
            self.idempotency_key = Some(key);
        }
        if !self.extra_fields.is_empty() {
            self.merge_extra_fields()?;
        }
        let body = match &self.body {
            Body::Json(bytes) => {
                headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                Some(bytes.clone())
            }
            Body::Raw(bytes) => Some(bytes.clone()),
            _ => None,
        };
        Ok(Prepared {
            url: self.url()?,
            headers,
            body,
        })
    }

    /// The idempotency key the call's attempts carried, for operations that take one (set
    /// once the call was prepared).
    pub(crate) fn sent_key(&self) -> Option<String> {
        self.idempotency_key.clone().filter(|_| self.keyed)
    }

    /// Merges the caller's extra fields into the JSON body (a body of only them when there was
    /// none), once.
    fn merge_extra_fields(&mut self) -> Result<()> {
        let fields = std::mem::take(&mut self.extra_fields);
        let invalid =
            |problem: &str| Error::InvalidRequest(format!("extra body fields: {problem}"));
        let mut body = match &self.body {
            Body::Json(bytes) => {
                serde_json::from_slice(bytes).map_err(|_| invalid("the body is not JSON"))?
            }
            Body::None => serde_json::Value::Object(serde_json::Map::new()),
            _ => return Err(invalid("the operation's body is not JSON")),
        };
        let Some(object) = body.as_object_mut() else {
            return Err(invalid("the body is not a JSON object"));
        };
        object.extend(fields);
        let bytes = serde_json::to_vec(&body).map_err(|e| invalid(&e.to_string()))?;
        self.body = Body::Json(bytes.into());
        Ok(())
    }

    /// The call's one idempotency key, validated.
    fn fix_key(&mut self) -> Result<String> {
        let from_header = self
            .key_header
            .and_then(|h| self.headers.get(h))
            .map(|v| {
                v.to_str().map(str::to_owned).map_err(|_| {
                    Error::InvalidRequest("the idempotency key header is not valid text".into())
                })
            })
            .transpose()?;
        let from_body = match &mut self.body {
            Body::Keyed(keyed) => keyed.key_slot().clone(),
            _ => None,
        };
        // The caller's keys, wherever they set them, must agree: one is never overwritten
        // by another.
        let given = [self.idempotency_key.clone(), from_header, from_body];
        let mut keys = given.into_iter().flatten();
        let Some(key) = keys.next() else {
            return Ok(idempotency::generate());
        };
        if let Some(other) = keys.find(|other| *other != key) {
            return Err(Error::InvalidRequest(format!(
                "two different idempotency keys were given (`{key}` and `{other}`): \
                 the request would be applied under one of them only; give one"
            )));
        }
        idempotency::validate(&key).map_err(Error::InvalidRequest)?;
        Ok(key)
    }

    pub(crate) fn url(&self) -> Result<Url> {
        if let Some(url) = &self.foreign {
            return Ok(url.clone());
        }
        // The base URL was parsed once, when the client was built; only the path is parsed
        // here. The path is already escaped segment by segment, which `set_path` keeps.
        let mut url = self.client.inner.base_url.clone();
        let path = format!("{}{}", url.path().trim_end_matches('/'), self.path);
        url.set_path(&path);
        if !self.query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(self.query.iter().map(|(k, v)| (k.as_ref(), v.as_str())));
        }
        Ok(url)
    }
}
