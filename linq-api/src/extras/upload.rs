//! `client.attachments().upload(…)`: the whole upload flow in one call. Create the attachment
//! (the API answers with a pre-signed URL), `PUT` the bytes there with exactly the headers the
//! API asks for, then return the attachment. The pre-signed URL is on a host that is not the
//! API, so that request carries none of the client's headers: never the API key.

use std::path::Path;

use bytes::Bytes;
use reqwest::{Method, Url};

use codegen_runtime::__private::{self, Call};

use crate::resources::Attachments;
use crate::types::{AttachmentCreateParams, AttachmentRetrieveResponse, SupportedContentType};
use crate::{Error, Result};

/// A file to upload: its name, its content type and its bytes.
///
/// ```no_run
/// # async fn run(client: linq_api::Client) -> linq_api::Result<()> {
/// use linq_api::Upload;
///
/// let photo = Upload::from_file("photo.jpg", "image/jpeg").await?;
/// let attachment = client.attachments().upload(photo).await?;
/// println!("use attachment {} in a media part", attachment.id);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Upload {
    filename: String,
    content_type: SupportedContentType,
    bytes: Bytes,
}

impl std::fmt::Debug for Upload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upload")
            .field("filename", &self.filename)
            .field("content_type", &self.content_type)
            .field("size_bytes", &self.bytes.len())
            .finish()
    }
}

impl Upload {
    /// An upload of `bytes` named `filename`.
    pub fn new(
        filename: impl Into<String>,
        content_type: impl Into<SupportedContentType>,
        bytes: impl Into<Bytes>,
    ) -> Self {
        Upload {
            filename: filename.into(),
            content_type: content_type.into(),
            bytes: bytes.into(),
        }
    }

    /// An upload of the file at `path`, named after its last path component.
    pub async fn from_file(
        path: impl AsRef<Path>,
        content_type: impl Into<SupportedContentType>,
    ) -> Result<Self> {
        let path = path.as_ref();
        let bytes = tokio::fs::read(path)
            .await
            .map_err(|e| Error::InvalidRequest(format!("cannot read {}: {e}", path.display())))?;
        let filename = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .ok_or_else(|| {
                Error::InvalidRequest(format!("{} does not name a file", path.display()))
            })?;
        Ok(Upload::new(filename, content_type, bytes))
    }
}

impl Attachments<'_> {
    /// Uploads a file and returns the attachment; use its `id` in a media part or a voice
    /// memo, as often as you like.
    ///
    /// Three requests: `POST /v3/attachments`, a `PUT` of the bytes to the pre-signed URL it
    /// returns (with exactly the headers it lists, and without the API key: the URL is not the
    /// API's), and `GET /v3/attachments/{attachmentId}`. Each is retried like any call; the
    /// `PUT` of the same bytes to the same URL is safe to repeat.
    pub async fn upload(&self, upload: Upload) -> Result<AttachmentRetrieveResponse> {
        let size = i64::try_from(upload.bytes.len())
            .map_err(|_| Error::InvalidRequest("the file is too large".into()))?;
        let params = AttachmentCreateParams::new(upload.filename, upload.content_type, size);
        let slot = self.create(params).await?;
        let url = Url::parse(&slot.upload_url).map_err(|e| {
            Error::InvalidRequest(format!("the upload URL the API returned is invalid: {e}"))
        })?;
        let mut put =
            Call::foreign(self.client, Method::PUT, url, "{upload_url}").raw_body(upload.bytes);
        for (name, value) in &slot.required_headers {
            // The length is the body's, set by the HTTP stack; a different one would leave
            // the storage host waiting for bytes that never come.
            if name.eq_ignore_ascii_case("content-length") {
                if value.trim() != size.to_string() {
                    return Err(Error::InvalidRequest(format!(
                        "the upload URL expects {value} bytes, the file has {size}"
                    )));
                }
                continue;
            }
            put = put.header(name, value);
        }
        // Whatever the storage host answers with a 2xx (often nothing, sometimes XML) is
        // not the API's, so it is not decoded.
        __private::send(&mut put).await?;
        self.retrieve(slot.attachment_id).await
    }
}
