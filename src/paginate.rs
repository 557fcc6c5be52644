//! Lists that continue with `next_token`: one trait for the operations, one stream.

use std::future::Future;

use futures_util::stream::{self, Stream};

use crate::decode::{decode, RejectedRecord};
use crate::error::Error;
use crate::request::{Operation, Request};

/// An operation whose response is one page of a longer list.
pub trait Paginated: Operation + Clone {
    /// The type of one record of a page.
    type Item;
    /// The same request, asking for the page after `token`.
    fn after(&self, token: String) -> Self;
    /// The page's items and the token of the next page (`None` on the last page).
    fn split(page: Self::Response) -> (Vec<Self::Item>, Option<String>);
}

/// What a page stream yields: a record that validated, or one that did not (left out of
/// its page and reported where it was met, so that one bad record never ends the list).
#[derive(Debug, Clone, PartialEq)]
pub enum Entry<T> {
    /// A record that validated, typed.
    Record(T),
    /// A record that did not, with its problems and raw JSON.
    Rejected(RejectedRecord),
}

impl<T> Entry<T> {
    /// The record, if it validated.
    pub fn record(self) -> Option<T> {
        match self {
            Entry::Record(item) => Some(item),
            Entry::Rejected(_) => None,
        }
    }
}

/// Every item of every page, in order: follows `next_token` until the vendor stops
/// sending one, stops after `limit` records if given, and ends with the error if a page
/// fails. Records of a page that did not validate come after the page's good ones as
/// [`Entry::Rejected`] (the first [`MAX_LISTED_REJECTED`](crate::validate::MAX_LISTED_REJECTED)
/// of a page; all are left out). `send` is the transport: it sends a request and
/// returns the response body.
pub fn pages<'a, O, F, Fut>(first: O, limit: Option<usize>, send: F) -> impl Stream<Item = Result<Entry<O::Item>, Error>> + 'a
where
    O: Paginated + 'a,
    O::Item: 'a,
    F: FnMut(Request) -> Fut + 'a,
    Fut: Future<Output = Result<Vec<u8>, Error>> + 'a,
{
    struct State<O: Paginated, F> {
        next: Option<O>,
        buffer: std::vec::IntoIter<O::Item>,
        rejected: std::vec::IntoIter<RejectedRecord>,
        remaining: Option<usize>,
        send: F,
    }
    let state = State { next: Some(first), buffer: Vec::new().into_iter(), rejected: Vec::new().into_iter(), remaining: limit, send };
    stream::unfold(state, |mut st| async move {
        loop {
            if st.remaining == Some(0) {
                return None;
            }
            if let Some(item) = st.buffer.next() {
                st.remaining = st.remaining.map(|n| n - 1);
                return Some((Ok(Entry::Record(item)), st));
            }
            if let Some(rejected) = st.rejected.next() {
                return Some((Ok(Entry::Rejected(rejected)), st));
            }
            let operation = st.next.take()?;
            let page = match operation.build() {
                Err(errors) => Err(Error::InvalidRequest { errors }),
                Ok(request) => match (st.send)(request).await {
                    Ok(body) => decode::<O::Response>(&body),
                    Err(e) => Err(e),
                },
            };
            match page {
                Ok(page) => {
                    st.rejected = page.rejected.into_iter();
                    let (items, token) = O::split(page.value);
                    // A vendor repeating an empty token would loop forever.
                    st.next = token.filter(|t| !t.is_empty()).map(|t| operation.after(t));
                    st.buffer = items.into_iter();
                }
                Err(e) => return Some((Err(e), st)),
            }
        }
    })
}
