//! Lists that continue with `next_token`: one trait for the operations, one stream.

use std::future::Future;

use futures_util::stream::{self, Stream};

use crate::decode::decode;
use crate::error::Error;
use crate::request::{Operation, Request};

/// An operation whose response is one page of a longer list.
pub trait Paginated: Operation + Clone {
    type Item;
    /// The same request, asking for the page after `token`.
    fn after(&self, token: String) -> Self;
    /// The page's items and the token of the next page (`None` on the last page).
    fn split(page: Self::Response) -> (Vec<Self::Item>, Option<String>);
}

/// Every item of every page, in order: follows `next_token` until the vendor stops
/// sending one, stops after `limit` items if given, and ends with the error if a page
/// fails. `send` is the transport: it sends a request and returns the response body.
pub fn pages<'a, O, F, Fut>(first: O, limit: Option<usize>, send: F) -> impl Stream<Item = Result<O::Item, Error>> + 'a
where
    O: Paginated + 'a,
    O::Item: 'a,
    F: FnMut(Request) -> Fut + 'a,
    Fut: Future<Output = Result<Vec<u8>, Error>> + 'a,
{
    struct State<O: Paginated, F> {
        next: Option<O>,
        buffer: std::vec::IntoIter<O::Item>,
        remaining: Option<usize>,
        send: F,
    }
    let state = State { next: Some(first), buffer: Vec::new().into_iter(), remaining: limit, send };
    stream::unfold(state, |mut st| async move {
        loop {
            if st.remaining == Some(0) {
                return None;
            }
            if let Some(item) = st.buffer.next() {
                st.remaining = st.remaining.map(|n| n - 1);
                return Some((Ok(item), st));
            }
            let operation = st.next.take()?;
            let page = match operation.build() {
                Err(errors) => Err(Error::InvalidRequest { errors }),
                Ok(request) => match (st.send)(request).await {
                    Ok(body) => decode::<O::Response>(&body).map(|d| d.value),
                    Err(e) => Err(e),
                },
            };
            match page {
                Ok(page) => {
                    let (items, token) = O::split(page);
                    // A vendor repeating an empty token would loop forever.
                    st.next = token.filter(|t| !t.is_empty()).map(|t| operation.after(t));
                    st.buffer = items.into_iter();
                }
                Err(e) => return Some((Err(e), st)),
            }
        }
    })
}
