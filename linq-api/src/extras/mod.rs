//! Hand-written Linq-specific helpers on top of the generated API, for flows the spec cannot
//! express as one operation.

mod upload;
mod webhook_events;

pub use upload::Upload;
