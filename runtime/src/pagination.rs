//! Pagination on top of requests, by cursor or by offset: a [`Page`] with `next_page()`, and
//! a stream of every item.
//! The generated list responses say where the next page starts ([`Paginated::next_page`]);
//! this module only follows.

use std::collections::HashSet;
use std::future::IntoFuture;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;
use std::time::Duration;

use futures_core::Stream;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::call::Call;
use crate::error::{Error, Result};
use crate::request::{BoxFuture, Request};

/// A boxed, `Send` stream, as returned by [`PageRequest::into_stream`].
pub type BoxStream<T> = std::pin::Pin<Box<dyn Stream<Item = T> + Send + 'static>>;

/// A list response that pages. Implemented by the generated list responses.
pub trait Paginated {
    /// One listed item.
    type Item;
    /// The items of this page.
    fn items(&self) -> &[Self::Item];
    /// The items of this page, by value.
    fn into_items(self) -> Vec<Self::Item>;
    /// Where the page after this one starts.
    fn next_page(&self) -> NextPage<'_>;
}

/// Where the page after a list response starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NextPage<'a> {
    /// Send the same request with the query parameter `param` set to `cursor`.
    Cursor {
        /// The query parameter that carries the cursor.
        param: &'static str,
        /// The cursor of the next page.
        cursor: &'a str,
    },
    /// Send the same request with the query parameter `param` set to the current offset
    /// plus the number of items on this page.
    Offset {
        /// The query parameter that carries the offset.
        param: &'static str,
    },
    /// This was the last page.
    Last,
}

impl<'a> NextPage<'a> {
    /// The next page of offset pagination: `Last` unless the response says it has more.
    pub fn offset(param: &'static str, has_more: bool) -> Self {
        if has_more {
            NextPage::Offset { param }
        } else {
            NextPage::Last
        }
    }

    /// The next page of cursor pagination: `Last` when the response has no cursor or an
    /// empty one.
    pub fn cursor(param: &'static str, cursor: Option<&'a str>) -> Self {
        match cursor {
            Some(cursor) if !cursor.is_empty() => NextPage::Cursor { param, cursor },
            _ => NextPage::Last,
        }
    }
}

/// A list request: await it for the first [`Page`], or call
/// [`into_stream`](Self::into_stream) for every item of every page.
#[must_use = "a request does nothing until it is awaited"]
pub struct PageRequest<R> {
    request: Request<R>,
}

impl<R: Paginated> From<Call> for PageRequest<R> {
    fn from(call: Call) -> Self {
        PageRequest {
            request: Request::from(call),
        }
    }
}

impl<R> std::fmt::Debug for PageRequest<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageRequest")
            .field("request", &self.request)
            .finish()
    }
}

impl<R> PageRequest<R> {
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

    /// Adds a query parameter to each page request, for one this version of the SDK does
    /// not know yet.
    pub fn query(mut self, name: &str, value: impl std::fmt::Display) -> Self {
        self.request = self.request.query(name, value);
        self
    }
}

/// What follows a page.
#[derive(Debug, Clone)]
enum Next {
    /// It was the last page.
    Last,
    /// The call for the next page.
    Call(Box<Call>),
    /// The server returned a cursor it had returned before.
    RepeatedCursor(String),
    /// The page has the same items as an earlier page of the walk: the one the query
    /// parameter `.0` set to `.1` fetched.
    RepeatedPage(&'static str, String),
}

impl Next {
    /// The error that ends the walk here, if it ends with one.
    fn error(&self) -> Option<Error> {
        match self {
            Next::RepeatedCursor(cursor) => Some(Error::RepeatedCursor {
                cursor: cursor.clone(),
            }),
            Next::RepeatedPage(param, value) => Some(Error::RepeatedPage {
                param,
                value: value.clone(),
            }),
            _ => None,
        }
    }
}

/// What a walk remembers to notice a server that goes round in circles.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Mark {
    /// A cursor followed.
    Cursor(String),
    /// The items of a page received, as a hash of their JSON.
    Page(u64),
}

impl Mark {
    /// The mark of a page's items; `None` if they do not serialize (never for generated
    /// types), in which case the page is not compared.
    fn page<T: Serialize>(items: &[T]) -> Option<Mark> {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        serde_json::to_vec(items).ok()?.hash(&mut hasher);
        Some(Mark::Page(hasher.finish()))
    }
}

/// The call for the page after `response`, which `call` fetched; `seen` tells whether a
/// cursor was followed, or a page with the same items received, before on this walk (and
/// remembers it if not). A page without items is the last one, whatever its cursor or
/// `has_more` says; a page with the items of an earlier one ends the walk with an error,
/// as does a cursor returned before.
fn next_call<R>(call: &Call, response: &R, mut seen: impl FnMut(Mark) -> bool) -> Next
where
    R: Paginated,
    R::Item: Serialize,
{
    if response.items().is_empty() {
        return Next::Last;
    }
    let next = response.next_page();
    let param = match next {
        NextPage::Last => return Next::Last,
        NextPage::Cursor { param, .. } | NextPage::Offset { param } => param,
    };
    let current = call
        .query
        .iter()
        .find(|(k, _)| k.as_ref() == param)
        .map(|(_, v)| v.as_str());
    if Mark::page(response.items()).is_some_and(&mut seen) {
        return Next::RepeatedPage(param, current.unwrap_or_default().to_owned());
    }
    match next {
        NextPage::Cursor { param, cursor } => {
            // The cursor that fetched this page counts as seen too.
            if let Some(current) = current {
                seen(Mark::Cursor(current.to_owned()));
            }
            if seen(Mark::Cursor(cursor.to_owned())) {
                return Next::RepeatedCursor(cursor.to_owned());
            }
            Next::Call(Box::new(with_query(call, param, cursor.to_owned())))
        }
        _ => {
            let current = current.and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
            let next = current.saturating_add(response.items().len() as u64);
            Next::Call(Box::new(with_query(call, param, next.to_string())))
        }
    }
}

/// `call` with the query parameter `param` set to `value` (replacing any it had).
fn with_query(call: &Call, param: &'static str, value: String) -> Call {
    let mut next = call.clone();
    next.query.retain(|(k, _)| *k != param);
    next.query.push((param.into(), value));
    next
}

impl<R> PageRequest<R>
where
    R: Paginated + DeserializeOwned + Send + 'static,
    R::Item: Serialize + Send,
{
    /// Every item of every page, fetching the next page when the current one runs out.
    /// Ends after a page without a next cursor or without items; yields
    /// [`Error::RepeatedCursor`] and ends if the server returns a cursor it returned before,
    /// and [`Error::RepeatedPage`] (without yielding its items again) if it answers with the
    /// items of an earlier page.
    /// The stream is boxed, so `try_next().await` works on it without pinning.
    pub fn into_stream(self) -> BoxStream<Result<R::Item>> {
        let walk = Walk {
            next: Next::Call(Box::new(self.request.call)),
            items: Vec::new().into_iter(),
            seen: HashSet::new(),
        };
        Box::pin(futures_util::stream::unfold(walk, |mut walk| async move {
            loop {
                if let Some(item) = walk.items.next() {
                    return Some((Ok(item), walk));
                }
                let call = match std::mem::replace(&mut walk.next, Next::Last) {
                    Next::Last => return None,
                    Next::Call(call) => *call,
                    stop => return stop.error().map(|e| (Err(e), walk)),
                };
                let response: R = match Request::<R>::from(call.clone()).send().await {
                    Ok(r) => r,
                    Err(e) => return Some((Err(e), walk)),
                };
                let seen = &mut walk.seen;
                walk.next = next_call(&call, &response, |mark| !seen.insert(mark));
                if !matches!(walk.next, Next::RepeatedPage(..)) {
                    walk.items = response.into_items().into_iter();
                }
            }
        }))
    }
}

/// The state of [`PageRequest::into_stream`].
struct Walk<T> {
    next: Next,
    items: std::vec::IntoIter<T>,
    /// Every cursor followed and page received so far.
    seen: HashSet<Mark>,
}

/// The cursors followed and pages received to reach a page, newest first, shared between a
/// page and the pages fetched from it (so `next_page` never copies the walk so far).
#[derive(Debug, Clone, Default)]
struct Trail(Option<Arc<(Mark, Trail)>>);

impl Trail {
    fn contains(&self, mark: &Mark) -> bool {
        let mut node = &self.0;
        while let Some(link) = node {
            if link.0 == *mark {
                return true;
            }
            node = &(link.1).0;
        }
        false
    }

    /// Whether `mark` was seen; remembers it if not.
    fn check(&mut self, mark: Mark) -> bool {
        if self.contains(&mark) {
            return true;
        }
        *self = Trail(Some(Arc::new((mark, self.clone()))));
        false
    }
}

impl<R> IntoFuture for PageRequest<R>
where
    R: Paginated + DeserializeOwned + Send + 'static,
    R::Item: Serialize,
{
    type Output = Result<Page<R>>;
    type IntoFuture = BoxFuture<Result<Page<R>>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(Page::fetch(self.request.call, Trail::default()))
    }
}

/// One page of a list, with the request for the next one. Derefs to the list response.
pub struct Page<R> {
    response: R,
    next: Next,
    trail: Trail,
}

impl<R: std::fmt::Debug> std::fmt::Debug for Page<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Page")
            .field("response", &self.response)
            .field("has_next_page", &!matches!(self.next, Next::Last))
            .finish()
    }
}

impl<R: Paginated> Page<R> {
    /// The items of this page.
    pub fn items(&self) -> &[R::Item] {
        self.response.items()
    }

    /// The cursor of the next page, if the list pages by cursor and there is one.
    pub fn next_cursor(&self) -> Option<&str> {
        match self.response.next_page() {
            NextPage::Cursor { cursor, .. } => Some(cursor),
            _ => None,
        }
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
    R::Item: Serialize,
{
    async fn fetch(call: Call, mut trail: Trail) -> Result<Page<R>> {
        let response: R = Request::<R>::from(call.clone()).send().await?;
        let next = next_call(&call, &response, |mark| trail.check(mark));
        Ok(Page {
            response,
            next,
            trail,
        })
    }

    /// Fetches the next page; `Ok(None)` after the last one, [`Error::RepeatedCursor`] if
    /// the server returned a cursor it had returned before, and [`Error::RepeatedPage`] if
    /// this page has the items of an earlier one.
    pub async fn next_page(&self) -> Result<Option<Page<R>>> {
        match &self.next {
            Next::Last => Ok(None),
            Next::Call(call) => Page::fetch((**call).clone(), self.trail.clone())
                .await
                .map(Some),
            stop => Err(stop.error().unwrap_or(Error::InvalidRequest(
                "pagination ended without a next page".into(),
            ))),
        }
    }
}

impl<R> Deref for Page<R> {
    type Target = R;

    fn deref(&self) -> &R {
        &self.response
    }
}

#[cfg(test)]
mod tests;
