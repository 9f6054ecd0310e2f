//! Cursor pagination: a page with `next_page()`, and a stream of every item.

use std::collections::HashSet;
use std::future::IntoFuture;
use std::ops::Deref;
use std::time::Duration;

use futures_core::Stream;
use serde::de::DeserializeOwned;

use crate::error::{Error, Result};
use crate::request::{BoxFuture, Parts, Request};

/// A boxed, `Send` stream, as returned by [`PageRequest::into_stream`].
pub type BoxStream<T> = std::pin::Pin<Box<dyn Stream<Item = T> + Send + 'static>>;

/// A list response that pages with a cursor. Implemented by the generated list responses.
pub trait Paginated {
    /// One listed item.
    type Item;
    /// The items of this page.
    fn items(&self) -> &[Self::Item];
    /// The items of this page, by value.
    fn into_items(self) -> Vec<Self::Item>;
    /// The cursor of the next page; `None` on the last page.
    fn next_cursor(&self) -> Option<&str>;
}

/// A list request: await it for the first [`Page`], or call
/// [`into_stream`](Self::into_stream) for every item of every page.
#[must_use = "a request does nothing until it is awaited"]
pub struct PageRequest<R> {
    request: Request<R>,
    cursor_param: &'static str,
}

impl<R> std::fmt::Debug for PageRequest<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageRequest")
            .field("request", &self.request)
            .field("cursor_param", &self.cursor_param)
            .finish()
    }
}

impl<R> PageRequest<R> {
    pub(crate) fn new(request: Request<R>, cursor_param: &'static str) -> Self {
        PageRequest {
            request,
            cursor_param,
        }
    }

    /// The timeout of each attempt of each page request.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.request = self.request.timeout(timeout);
        self
    }

    /// How many times each page request is retried.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.request = self.request.max_retries(retries);
        self
    }

    /// Adds a header to each page request.
    pub fn header(mut self, name: &str, value: impl std::fmt::Display) -> Self {
        self.request = self.request.header(name, value);
        self
    }
}

impl<R> PageRequest<R>
where
    R: Paginated + DeserializeOwned + Send + 'static,
    R::Item: Send,
{
    /// Every item of every page, fetching the next page when the current one runs out.
    /// Ends after a page without a next cursor or without items; yields
    /// [`Error::RepeatedCursor`] and ends if the server returns a cursor it returned before.
    /// The stream is boxed, so `try_next().await` works on it without pinning.
    pub fn into_stream(self) -> BoxStream<Result<R::Item>> {
        let walk = Walk {
            next: Next::Request(Box::new(self.request.parts)),
            cursor_param: self.cursor_param,
            items: Vec::new().into_iter(),
            seen: HashSet::new(),
        };
        Box::pin(futures_util::stream::unfold(walk, |mut walk| async move {
            loop {
                if let Some(item) = walk.items.next() {
                    return Some((Ok(item), walk));
                }
                let parts = match std::mem::replace(&mut walk.next, Next::Last) {
                    Next::Last => return None,
                    Next::Repeated(cursor) => {
                        return Some((Err(Error::RepeatedCursor { cursor }), walk))
                    }
                    Next::Request(parts) => *parts,
                };
                let response: R = match Request::<R>::from_parts(parts.clone()).send().await {
                    Ok(r) => r,
                    Err(e) => return Some((Err(e), walk)),
                };
                walk.next = next_request(&parts, walk.cursor_param, &response, &mut walk.seen);
                walk.items = response.into_items().into_iter();
            }
        }))
    }
}

/// The state of [`PageRequest::into_stream`].
struct Walk<T> {
    next: Next,
    cursor_param: &'static str,
    items: std::vec::IntoIter<T>,
    seen: HashSet<String>,
}

/// What comes after a page.
#[derive(Debug, Clone)]
enum Next {
    /// It was the last page.
    Last,
    /// The request for the next page.
    Request(Box<Parts>),
    /// The server returned a cursor it had returned before.
    Repeated(String),
}

impl<R> IntoFuture for PageRequest<R>
where
    R: Paginated + DeserializeOwned + Send + 'static,
{
    type Output = Result<Page<R>>;
    type IntoFuture = BoxFuture<Result<Page<R>>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let parts = self.request.parts.clone();
            let response: R = self.request.send().await?;
            let mut seen = HashSet::new();
            let next = next_request(&parts, self.cursor_param, &response, &mut seen);
            Ok(Page {
                response,
                next,
                cursor_param: self.cursor_param,
                seen,
            })
        })
    }
}

/// What follows `response`: the last page ends at a missing cursor or an empty page.
fn next_request<R: Paginated>(
    parts: &Parts,
    cursor_param: &'static str,
    response: &R,
    seen: &mut HashSet<String>,
) -> Next {
    let Some(cursor) = response.next_cursor() else {
        return Next::Last;
    };
    if response.items().is_empty() {
        return Next::Last;
    }
    if let Some((_, current)) = parts.query.iter().find(|(k, _)| *k == cursor_param) {
        seen.insert(current.clone());
    }
    if !seen.insert(cursor.to_owned()) {
        return Next::Repeated(cursor.to_owned());
    }
    let mut next = parts.clone();
    next.query.retain(|(k, _)| *k != cursor_param);
    next.query.push((cursor_param, cursor.to_owned()));
    Next::Request(Box::new(next))
}

/// One page of a list, with the request for the next one. Derefs to the list response.
pub struct Page<R> {
    response: R,
    next: Next,
    cursor_param: &'static str,
    seen: HashSet<String>,
}

impl<R: std::fmt::Debug> std::fmt::Debug for Page<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Page")
            .field("response", &self.response)
            .field("has_next_page", &matches!(self.next, Next::Request(_)))
            .finish()
    }
}

impl<R: Paginated> Page<R> {
    /// The items of this page.
    pub fn items(&self) -> &[R::Item] {
        self.response.items()
    }

    /// The cursor of the next page, if there is one.
    pub fn next_cursor(&self) -> Option<&str> {
        self.response.next_cursor()
    }

    /// Whether [`next_page`](Self::next_page) would fetch anything.
    pub fn has_next_page(&self) -> bool {
        !matches!(self.next, Next::Last)
    }

    /// The list response.
    pub fn into_response(self) -> R {
        self.response
    }

    /// The items of this page, by value.
    pub fn into_items(self) -> Vec<R::Item> {
        self.response.into_items()
    }
}

impl<R> Page<R>
where
    R: Paginated + DeserializeOwned + Send + 'static,
{
    /// Fetches the next page; `Ok(None)` after the last one, and
    /// [`Error::RepeatedCursor`] if the server returned a cursor it had returned before.
    pub async fn next_page(&self) -> Result<Option<Page<R>>> {
        let parts = match &self.next {
            Next::Last => return Ok(None),
            Next::Repeated(cursor) => {
                return Err(Error::RepeatedCursor {
                    cursor: cursor.clone(),
                })
            }
            Next::Request(parts) => (**parts).clone(),
        };
        let response: R = Request::<R>::from_parts(parts.clone()).send().await?;
        let mut seen = self.seen.clone();
        let next = next_request(&parts, self.cursor_param, &response, &mut seen);
        Ok(Some(Page {
            response,
            next,
            cursor_param: self.cursor_param,
            seen,
        }))
    }
}

impl<R> Deref for Page<R> {
    type Target = R;

    fn deref(&self) -> &R {
        &self.response
    }
}
