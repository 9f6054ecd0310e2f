//! Hand-written Linq-specific helpers on top of the generated API, for flows the spec cannot
//! express as one operation. They name generated types, so the generality check (which
//! compiles the runtime against other specs' output) replaces this module with an empty one.

mod upload;
mod webhook_events;

pub use upload::Upload;
