//! The forwarding path's HTTP client: hyper's HTTP/1.1 connections used directly, idle
//! ones kept per thread.
//!
//! Why not reqwest (the token exchanges still use it): a reqwest request is handed to its
//! pool, then to a task of its own per connection, woken through channels, and its
//! answer comes back the same way; on a loaded proxy those hand-offs cross threads, and
//! the profile under wrk showed the wake-ups (bench/README.md "Proxy"). Here the
//! connection's task is spawned on the runtime of the request that opened it, and a
//! thread's idle connections are its own: with one current-thread runtime per core
//! (`main.rs`), a request, its upstream connection and both sockets stay on one thread.
//!
//! What the proxy needs of it, and reqwest gave: a connect timeout, one deadline for the
//! whole answer (head and body), no redirects followed (a 3xx is relayed as it is), and
//! https to real vendors (rustls with the webpki roots, as reqwest's `rustls-tls`).

use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::http::{header, HeaderValue, Request, Response, Uri};
use bytes::Bytes;
use http_body_util::Full;
use hyper::body::{Body, Frame, Incoming, SizeHint};
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tokio::time::{Instant, Sleep};

/// Idle connections kept per origin and thread; more are closed once their answer ends.
/// As many as the proxy's default concurrency cap, so that a burst's connections are
/// kept for the next one.
const MAX_IDLE_PER_ORIGIN: usize = 128;

type Sender = SendRequest<Full<Bytes>>;

/// Where a connection goes: scheme, host and port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    tls: bool,
    /// Without IPv6 brackets, for connecting and for TLS's server name. Shared: an
    /// answer's body carries its origin back to the idle list (`checkin`).
    host: Arc<str>,
    port: u16,
    /// `host[:port]` as the `Host` header says it.
    authority: HeaderValue,
}

impl Origin {
    /// The origin of an absolute `http` or `https` URI.
    pub fn of(uri: &Uri) -> Result<Origin, Error> {
        let tls = match uri.scheme_str() {
            Some("https") => true,
            Some("http") => false,
            _ => return Err(Error::new(Kind::Invalid, "the upstream URL is neither http nor https")),
        };
        let authority = uri.authority().ok_or_else(|| Error::new(Kind::Invalid, "the upstream URL has no host"))?;
        let host = Arc::from(authority.host().trim_start_matches('[').trim_end_matches(']'));
        let port = authority.port_u16().unwrap_or(if tls { 443 } else { 80 });
        let authority = HeaderValue::from_str(authority.as_str()).map_err(|e| Error::with(Kind::Invalid, e))?;
        Ok(Origin { tls, host, port, authority })
    }

    /// Whether connections to this origin speak TLS.
    pub fn is_tls(&self) -> bool {
        self.tls
    }
}

thread_local! {
    /// This thread's idle connections, by origin: a handful of origins, so a list.
    static IDLE: RefCell<Vec<(Origin, Vec<Sender>)>> = const { RefCell::new(Vec::new()) };
}

fn checkout(origin: &Origin) -> Option<Sender> {
    IDLE.with_borrow_mut(|idle| {
        let (_, senders) = idle.iter_mut().find(|(o, _)| o == origin)?;
        // The most recently used first: the connections a quiet period leaves idle the
        // longest are the ones the upstream may have closed.
        while let Some(sender) = senders.pop() {
            if !sender.is_closed() {
                return Some(sender);
            }
        }
        None
    })
}

fn checkin(origin: Origin, sender: Sender) {
    if sender.is_closed() {
        return;
    }
    IDLE.with_borrow_mut(|idle| match idle.iter_mut().find(|(o, _)| *o == origin) {
        Some((_, senders)) if senders.len() < MAX_IDLE_PER_ORIGIN => senders.push(sender),
        Some(_) => {}
        None => idle.push((origin, vec![sender])),
    })
}

/// Sends requests upstream with the proxy's timeouts.
#[derive(Debug, Clone)]
pub struct Client {
    connect_timeout: Duration,
    timeout: Duration,
}

impl Client {
    /// `timeout` bounds each request from its start to the last byte of its answer.
    pub fn new(connect_timeout: Duration, timeout: Duration) -> Client {
        Client { connect_timeout, timeout }
    }

    /// Sends `request`, whose URI is absolute, on an idle connection to its origin or a
    /// new one. A request that an idle connection closed under it before sending goes
    /// once more on another (nothing of it reached the upstream).
    pub async fn send(&self, request: Request<Full<Bytes>>) -> Result<Response<UpstreamBody>, Error> {
        let origin = Origin::of(request.uri())?;
        let (mut parts, body) = request.into_parts();
        // HTTP/1.1 wants the path in the request line and the host in a header.
        parts.uri = match parts.uri.path_and_query() {
            Some(path) => Uri::from(path.clone()),
            None => Uri::from_static("/"),
        };
        self.send_to(origin, Request::from_parts(parts, body)).await
    }

    /// [`Client::send`] to `origin` (parsed once by the caller) of a `request` whose URI
    /// is the path and query only.
    pub async fn send_to(&self, origin: Origin, request: Request<Full<Bytes>>) -> Result<Response<UpstreamBody>, Error> {
        let deadline = Instant::now() + self.timeout;
        let (mut parts, body) = request.into_parts();
        parts.headers.insert(header::HOST, origin.authority.clone());
        let request = Request::from_parts(parts, body);
        match tokio::time::timeout_at(deadline, self.send_on_pool(&origin, request)).await {
            Ok(Ok((response, sender))) => {
                Ok(response.map(|inner| UpstreamBody { inner, deadline: Box::pin(tokio::time::sleep_until(deadline)), returns: Some((origin, sender)) }))
            }
            Ok(Err(e)) => Err(e),
            Err(_) => Err(Error::new(Kind::Timeout, "the upstream did not answer in time")),
        }
    }

    async fn send_on_pool(&self, origin: &Origin, mut request: Request<Full<Bytes>>) -> Result<(Response<Incoming>, Sender), Error> {
        loop {
            let (mut sender, pooled) = match checkout(origin) {
                Some(sender) => (sender, true),
                // Boxed: connecting (TLS included) is the large, rare state of this
                // future, which every request would otherwise copy whole as it is moved.
                None => (Box::pin(self.connect(origin)).await?, false),
            };
            if let Err(e) = sender.ready().await {
                if pooled {
                    continue;
                }
                return Err(Error::with(Kind::Connect, e));
            }
            match sender.try_send_request(request).await {
                Ok(response) => return Ok((response, sender)),
                Err(mut failed) => match failed.take_message() {
                    Some(unsent) if pooled => request = unsent,
                    _ => return Err(Error::with(Kind::Request, failed.into_error())),
                },
            }
        }
    }

    async fn connect(&self, origin: &Origin) -> Result<Sender, Error> {
        let connecting = async {
            let tcp = TcpStream::connect((&*origin.host, origin.port)).await.map_err(|e| Error::with(Kind::Connect, e))?;
            // Small requests and answers: Nagle's wait would be pure latency.
            let _ = tcp.set_nodelay(true);
            if origin.tls {
                let name = rustls::pki_types::ServerName::try_from(origin.host.to_string()).map_err(|e| Error::with(Kind::Connect, e))?;
                let tls = tokio_rustls::TlsConnector::from(tls_config()).connect(name, tcp).await.map_err(|e| Error::with(Kind::Connect, e))?;
                handshake(TokioIo::new(tls)).await
            } else {
                handshake(TokioIo::new(tcp)).await
            }
        };
        match tokio::time::timeout(self.connect_timeout, connecting).await {
            Ok(connected) => connected,
            Err(_) => Err(Error::new(Kind::Timeout, "the upstream did not accept a connection in time")),
        }
    }
}

async fn handshake<T>(io: T) -> Result<Sender, Error>
where
    T: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let (sender, connection) = hyper::client::conn::http1::handshake(io).await.map_err(|e| Error::with(Kind::Connect, e))?;
    // On this runtime: on a current-thread runtime, this thread. The request that fails
    // when the connection does reports it; nothing to do with the error here.
    tokio::spawn(async move {
        let _ = connection.await;
    });
    Ok(sender)
}

/// TLS for real vendors: the webpki roots and ring, as reqwest's `rustls-tls` had it.
fn tls_config() -> Arc<rustls::ClientConfig> {
    static CONFIG: OnceLock<Arc<rustls::ClientConfig>> = OnceLock::new();
    CONFIG
        .get_or_init(|| {
            let roots = rustls::RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
            let mut config = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
                .with_safe_default_protocol_versions()
                .expect("ring supports rustls's default protocol versions")
                .with_root_certificates(roots)
                .with_no_client_auth();
            config.alpn_protocols = vec![b"http/1.1".to_vec()];
            Arc::new(config)
        })
        .clone()
}

/// An upstream answer's body: fails once the request's deadline passes, and gives its
/// connection back to the thread's pool once read to its end.
pub struct UpstreamBody {
    inner: Incoming,
    deadline: Pin<Box<Sleep>>,
    returns: Option<(Origin, Sender)>,
}

impl Body for UpstreamBody {
    type Data = Bytes;
    type Error = Error;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Error>>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(None) => {
                if let Some((origin, sender)) = this.returns.take() {
                    checkin(origin, sender);
                }
                Poll::Ready(None)
            }
            Poll::Ready(Some(Ok(frame))) => Poll::Ready(Some(Ok(frame))),
            Poll::Ready(Some(Err(e))) => {
                this.returns = None;
                Poll::Ready(Some(Err(Error::with(Kind::Body, e))))
            }
            Poll::Pending => {
                if this.deadline.as_mut().poll(cx).is_ready() {
                    this.returns = None;
                    return Poll::Ready(Some(Err(Error::new(Kind::Timeout, "the upstream's answer did not end in time"))));
                }
                Poll::Pending
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

impl Drop for UpstreamBody {
    fn drop(&mut self) {
        // An empty body nobody polled still ended: its connection is reusable. One
        // dropped part-read is not (hyper closes it).
        if self.inner.is_end_stream() {
            if let Some((origin, sender)) = self.returns.take() {
                checkin(origin, sender);
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Invalid,
    Connect,
    Request,
    Body,
    Timeout,
}

/// Why an upstream request failed.
#[derive(Debug)]
pub struct Error {
    kind: Kind,
    source: Box<dyn std::error::Error + Send + Sync>,
}

impl Error {
    fn new(kind: Kind, message: &'static str) -> Error {
        Error { kind, source: message.into() }
    }

    fn with(kind: Kind, source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Error {
        Error { kind, source: source.into() }
    }

    /// A request that could not be built (a credential that is no valid header value).
    pub fn invalid(source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Error {
        Error::with(Kind::Invalid, source)
    }

    /// The connect timeout or the request's deadline ran out.
    pub fn is_timeout(&self) -> bool {
        self.kind == Kind::Timeout
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            Kind::Invalid => "invalid upstream request",
            Kind::Connect => "could not connect upstream",
            Kind::Request => "upstream request failed",
            Kind::Body => "upstream answer failed",
            Kind::Timeout => "upstream timeout",
        };
        write!(f, "{what}: {}", self.source)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    #[test]
    fn the_scheme_chooses_the_connector_and_the_default_port() {
        let https = Origin::of(&"https://api.example.com/v1".parse().unwrap()).unwrap();
        assert!(https.is_tls());
        assert_eq!((&*https.host, https.port, https.authority.to_str().unwrap()), ("api.example.com", 443, "api.example.com"));
        let http = Origin::of(&"http://127.0.0.1:8081/s2".parse().unwrap()).unwrap();
        assert!(!http.is_tls());
        assert_eq!((&*http.host, http.port), ("127.0.0.1", 8081));
        let v6 = Origin::of(&"http://[::1]:9/".parse().unwrap()).unwrap();
        assert_eq!((&*v6.host, v6.authority.to_str().unwrap()), ("::1", "[::1]:9"));
        assert!(Origin::of(&"ftp://example.com/".parse().unwrap()).is_err());
        assert!(Origin::of(&"/no/origin".parse().unwrap()).is_err());
    }

    /// An https upstream is spoken to in TLS, named by SNI: what the listener first
    /// receives is a TLS ClientHello, never a plain request.
    #[tokio::test]
    async fn an_https_upstream_gets_a_tls_client_hello_with_its_name() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let received = tokio::spawn(async move {
            let (mut stream, _) = listener.accept().await.unwrap();
            let mut buf = vec![0u8; 2048];
            let n = stream.read(&mut buf).await.unwrap();
            buf.truncate(n);
            buf
        });
        let client = Client::new(Duration::from_secs(2), Duration::from_secs(2));
        let request = Request::get(format!("https://localhost:{port}/x")).body(Full::new(Bytes::new())).unwrap();
        // The listener never answers the handshake: the send fails, by timeout or reset.
        assert!(client.send(request).await.is_err());
        let hello = received.await.unwrap();
        // Handshake record (22), TLS 1.x, a ClientHello (1).
        assert_eq!((hello[0], hello[1], hello[5]), (22, 3, 1), "not a ClientHello: {:?}", &hello[..hello.len().min(16)]);
        assert!(hello.windows(b"localhost".len()).any(|w| w == b"localhost"), "no SNI for the host");
    }

    /// A plain upstream on a keep-alive connection: two requests in turn use one
    /// connection, the second taken from the thread's pool.
    #[tokio::test]
    async fn an_answer_read_to_its_end_gives_its_connection_back() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let accepted = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counter = accepted.clone();
        tokio::spawn(async move {
            loop {
                let (mut stream, _) = listener.accept().await.unwrap();
                counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                tokio::spawn(async move {
                    let mut buf = vec![0u8; 4096];
                    let mut head = Vec::new();
                    loop {
                        let n = stream.read(&mut buf).await.unwrap_or(0);
                        if n == 0 {
                            return;
                        }
                        head.extend_from_slice(&buf[..n]);
                        while let Some(end) = head.windows(4).position(|w| w == b"\r\n\r\n") {
                            head.drain(..end + 4);
                            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok").await;
                        }
                    }
                });
            }
        });
        let client = Client::new(Duration::from_secs(2), Duration::from_secs(2));
        for _ in 0..3 {
            let request = Request::get(format!("http://127.0.0.1:{port}/x")).body(Full::new(Bytes::new())).unwrap();
            let response = client.send(request).await.unwrap();
            let body = http_body_util::BodyExt::collect(response.into_body()).await.unwrap().to_bytes();
            assert_eq!(&body[..], b"ok");
        }
        assert_eq!(accepted.load(std::sync::atomic::Ordering::SeqCst), 1);
    }
}
