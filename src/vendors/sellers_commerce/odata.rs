//! OData query options of the Sellers Commerce `getall` operations: `$filter` and
//! `$orderby`, checked before anything is sent, and a typed builder for filters.
//!
//! The document's examples are OData v3 (`datetime'2016-01-01'` literals):
//!
//! ```text
//! $filter=OrderPlacedDate gt datetime'2016-01-01' and OrderPlacedDate lt datetime'2016-06-01'
//! $filter=CreatedDate ge datetime'2016-01-01' and CreatedDate le datetime'2016-06-01'
//! $orderby=OrderNumber desc
//! ```
//!
//! The checker accepts the part of the OData v3 `$filter` grammar a dashboard needs:
//! comparisons `eq ne gt ge lt le`; `and`, `or`, `not`; parentheses; field paths
//! (`Address/City`); string literals in single quotes with `''` for a quote; numbers
//! (`12`, `-3.5`, `12L`, `2.5M`); `true`, `false`, `null`; `datetime'...'`,
//! `datetimeoffset'...'` and `guid'...'` literals; and the functions `substringof`,
//! `startswith`, `endswith`, `contains`, `tolower`, `toupper`. Keywords are lower case,
//! as OData requires. Anything else is refused with the position (1-based, in
//! characters) and what was expected there, so a typo is caught in the browser rather
//! than answered by the vendor with null values (the document warns that a malformed
//! query "will return you null values").
//!
//! [`Filter`] builds filters that always pass the checker:
//!
//! ```
//! use commerce_kit::vendors::sellers_commerce::odata::{Filter, Literal};
//! let filter = Filter::field("OrderStatusId").eq(9)
//!     .and(Filter::field("OrderPlacedDate").ge(Literal::datetime("2016-01-01")))
//!     .and(Filter::field("ShipCity").eq("O'Fallon").or(Filter::startswith(Filter::field("ShipCity"), "St")));
//! assert_eq!(
//!     filter.to_string(),
//!     "OrderStatusId eq 9 and OrderPlacedDate ge datetime'2016-01-01' and (ShipCity eq 'O''Fallon' or startswith(ShipCity, 'St'))"
//! );
//! ```

use std::fmt;

use crate::request::FieldErrors;

/// The longest `$filter` accepted, in characters. ASP.NET, which answers OData v3 at
/// Sellers Commerce, refuses query strings longer than 2,048 characters by default
/// (`maxQueryStringLength`), so a longer filter could not be sent anyway; and the limit
/// bounds the work of checking one (and, with [`MAX_FILTER_DEPTH`], the depth of the
/// tree: a chain of `and` builds a tree as deep as it is long, a few hundred levels at
/// most at this length, which every walker here handles).
pub const MAX_FILTER_LENGTH: usize = 2048;

/// The deepest nesting of parentheses, `not` and function calls accepted in a
/// `$filter`. The parser recurses once per level: without a limit a filter of
/// thousands of `(` overflows the stack (the browser's, or a server thread's). A
/// dashboard's filters nest two or three levels; 32 leaves room to spare.
pub const MAX_FILTER_DEPTH: usize = 32;

/// The longest `$orderby` accepted, in characters: the same query-string limit as
/// [`MAX_FILTER_LENGTH`]. (`$orderby` does not nest.)
pub const MAX_ORDERBY_LENGTH: usize = 2048;

/// Why a `$filter` or `$orderby` does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based position in characters of the place it breaks.
    pub position: usize,
    pub expected: String,
    pub found: String,
    /// Set when the text is refused for a limit rather than for its grammar.
    pub limit: Option<Limit>,
}

/// A limit a `$filter` or `$orderby` went past; each carries the limit's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Longer than this many characters ([`MAX_FILTER_LENGTH`], [`MAX_ORDERBY_LENGTH`]).
    Length(usize),
    /// Nested deeper than this many levels ([`MAX_FILTER_DEPTH`]).
    Depth(usize),
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.limit {
            Some(Limit::Length(max)) => write!(f, "is {} characters long, more than the {max} accepted", self.found),
            Some(Limit::Depth(max)) => {
                write!(f, "nests deeper than {max} levels at character {} (parentheses, not and function calls count)", self.position)
            }
            None => write!(f, "does not parse at character {}: expected {}, found {}", self.position, self.expected, self.found),
        }
    }
}

/// Refuses `text` longer than `max` characters.
fn check_length(text: &str, max: usize) -> Result<(), ParseError> {
    // Bytes first: no character count for the usual short text.
    if text.len() <= max {
        return Ok(());
    }
    let length = text.chars().count();
    if length <= max {
        return Ok(());
    }
    Err(ParseError { position: max + 1, expected: format!("at most {max} characters"), found: length.to_string(), limit: Some(Limit::Length(max)) })
}

impl std::error::Error for ParseError {}

/// A parsed `$filter`.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Or(Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Compare(Box<Expr>, CompareOp, Box<Expr>),
    Call(Function, Vec<Expr>),
    /// A field, or a path through nested ones: `["Address", "City"]` for `Address/City`.
    Member(Vec<String>),
    Literal(Literal),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}

impl CompareOp {
    pub const fn as_str(self) -> &'static str {
        match self {
            CompareOp::Eq => "eq",
            CompareOp::Ne => "ne",
            CompareOp::Gt => "gt",
            CompareOp::Ge => "ge",
            CompareOp::Lt => "lt",
            CompareOp::Le => "le",
        }
    }

    fn from_word(word: &str) -> Option<CompareOp> {
        Some(match word {
            "eq" => CompareOp::Eq,
            "ne" => CompareOp::Ne,
            "gt" => CompareOp::Gt,
            "ge" => CompareOp::Ge,
            "lt" => CompareOp::Lt,
            "le" => CompareOp::Le,
            _ => return None,
        })
    }
}

/// The functions the checker knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Function {
    /// `substringof('needle', Field)`: OData v3's "contains", needle first.
    Substringof,
    Startswith,
    Endswith,
    /// `contains(Field, 'needle')`: the OData v4 spelling.
    Contains,
    Tolower,
    Toupper,
}

impl Function {
    const ALL: [Function; 6] = [Function::Substringof, Function::Startswith, Function::Endswith, Function::Contains, Function::Tolower, Function::Toupper];

    pub const fn name(self) -> &'static str {
        match self {
            Function::Substringof => "substringof",
            Function::Startswith => "startswith",
            Function::Endswith => "endswith",
            Function::Contains => "contains",
            Function::Tolower => "tolower",
            Function::Toupper => "toupper",
        }
    }

    pub const fn arity(self) -> usize {
        match self {
            Function::Tolower | Function::Toupper => 1,
            _ => 2,
        }
    }

    /// Whether the function answers true or false (and so can be a condition).
    pub const fn is_condition(self) -> bool {
        !matches!(self, Function::Tolower | Function::Toupper)
    }
}

/// A literal value of a filter.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    String(String),
    Integer(i64),
    Decimal(f64),
    Boolean(bool),
    Null,
    /// `datetime'2016-01-01'`: the text between the quotes.
    DateTime(String),
    /// `datetimeoffset'2016-01-01T10:00:00Z'`.
    DateTimeOffset(String),
    /// `guid'...'`.
    Guid(String),
}

impl Literal {
    /// `datetime'<value>'`, the date literal of the document's examples: `2016-01-01` or
    /// `2016-01-01T10:30:00` (seconds and fraction optional).
    pub fn datetime(value: impl Into<String>) -> Literal {
        Literal::DateTime(value.into())
    }

    /// `datetimeoffset'<value>'`: a date-time with `Z` or an offset.
    pub fn datetimeoffset(value: impl Into<String>) -> Literal {
        Literal::DateTimeOffset(value.into())
    }
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Literal::String(s) => write!(f, "'{}'", s.replace('\'', "''")),
            Literal::Integer(n) => write!(f, "{n}"),
            Literal::Decimal(x) if x.is_nan() => f.write_str("NaN"),
            Literal::Decimal(x) if x.is_infinite() => f.write_str(if *x > 0.0 { "INF" } else { "-INF" }),
            // `{:?}` keeps a fraction (`2.0`), so the literal stays a decimal.
            Literal::Decimal(x) => write!(f, "{x:?}"),
            Literal::Boolean(b) => write!(f, "{b}"),
            Literal::Null => f.write_str("null"),
            Literal::DateTime(s) => write!(f, "datetime'{s}'"),
            Literal::DateTimeOffset(s) => write!(f, "datetimeoffset'{s}'"),
            Literal::Guid(s) => write!(f, "guid'{s}'"),
        }
    }
}

/// A `$orderby` key's direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Asc,
    Desc,
}

/// Parses a `$filter`.
///
/// Refused beyond [`MAX_FILTER_LENGTH`] characters and [`MAX_FILTER_DEPTH`] levels of
/// nesting, with [`ParseError::limit`] set.
pub fn parse_filter(filter: &str) -> Result<Expr, ParseError> {
    check_length(filter, MAX_FILTER_LENGTH)?;
    let tokens = lex(filter)?;
    let mut parser = Parser { tokens, at: 0, open: Vec::new(), depth: 0 };
    if parser.peek().kind == Kind::End {
        return Err(parser.error("a filter expression"));
    }
    let node = parser.or()?;
    parser.expect_end(&node)?;
    parser.condition(&node)?;
    Ok(node.expr)
}

/// Parses a `$orderby`: comma-separated field paths, each optionally `asc` or `desc`.
/// Refused beyond [`MAX_ORDERBY_LENGTH`] characters.
pub fn parse_orderby(orderby: &str) -> Result<Vec<(Vec<String>, Direction)>, ParseError> {
    check_length(orderby, MAX_ORDERBY_LENGTH)?;
    let tokens = lex(orderby)?;
    let mut parser = Parser { tokens, at: 0, open: Vec::new(), depth: 0 };
    let mut keys = Vec::new();
    loop {
        let path = match parser.peek().kind {
            Kind::Word(ref w) if !is_keyword(w) => parser.member()?,
            _ => return Err(parser.error("a field name")),
        };
        let direction = match parser.peek().kind {
            Kind::Word(ref w) if w == "asc" => Direction::Asc,
            Kind::Word(ref w) if w == "desc" => Direction::Desc,
            _ => {
                keys.push((path, Direction::Asc));
                if !parser.separator()? {
                    return Ok(keys);
                }
                continue;
            }
        };
        parser.at += 1;
        keys.push((path, direction));
        if !parser.separator()? {
            return Ok(keys);
        }
    }
}

/// Checks a `$filter` value, reporting a problem on `field`.
pub fn check_filter(errors: &mut FieldErrors, field: &str, filter: &str) {
    if let Err(e) = parse_filter(filter) {
        errors.push(field, e.to_string());
    }
}

/// Checks a `$orderby` value, reporting a problem on `field`.
pub fn check_orderby(errors: &mut FieldErrors, field: &str, orderby: &str) {
    if let Err(e) = parse_orderby(orderby) {
        errors.push(field, e.to_string());
    }
}

// ---------------------------------------------------------------------------------
// Lexer

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Open,
    Close,
    Comma,
    Slash,
    Word(String),
    /// The literal and its text as written: a message quotes a misplaced literal as the
    /// user wrote it (`2.50`, `5L`) rather than printing the value back, which for a
    /// decimal would link core's float printer into the package for one message.
    Literal(Literal, String),
    End,
}

#[derive(Debug, Clone)]
struct Token {
    kind: Kind,
    /// 1-based character position.
    at: usize,
}

fn is_keyword(word: &str) -> bool {
    matches!(word, "and" | "or" | "not" | "eq" | "ne" | "gt" | "ge" | "lt" | "le" | "true" | "false" | "null" | "asc" | "desc")
}

fn lex(text: &str) -> Result<Vec<Token>, ParseError> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    let error = |at: usize, expected: &str, found: String| ParseError { position: at + 1, expected: expected.to_string(), found, limit: None };
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let kind = match c {
            ' ' | '\t' | '\n' | '\r' => {
                i += 1;
                continue;
            }
            '(' => Kind::Open,
            ')' => Kind::Close,
            ',' => Kind::Comma,
            '/' => Kind::Slash,
            '\'' => {
                let (value, end) = quoted(&chars, i)
                    .ok_or_else(|| error(start, &format!("\"'\" closing the string that starts at character {}", start + 1), "end of filter".into()))?;
                i = end;
                let written = chars[start..end].iter().collect();
                tokens.push(Token { kind: Kind::Literal(Literal::String(value), written), at: start + 1 });
                continue;
            }
            '-' | '0'..='9' => {
                let (literal, end) = number(&chars, i).ok_or_else(|| error(start, "a number", describe_char(c)))?;
                i = end;
                tokens.push(Token { kind: Kind::Literal(literal, chars[start..end].iter().collect()), at: start + 1 });
                continue;
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                let typed = matches!(word.as_str(), "datetime" | "datetimeoffset" | "guid");
                if typed && chars.get(i) == Some(&'\'') {
                    let open = i;
                    let (value, end) = quoted(&chars, i).ok_or_else(|| {
                        error(open, &format!("\"'\" closing the {word} literal that starts at character {}", start + 1), "end of filter".into())
                    })?;
                    let literal = typed_literal(&word, value)
                        .map_err(|expected| error(open + 1, &expected, format!("'{}'", chars[open + 1..end - 1].iter().collect::<String>())))?;
                    i = end;
                    tokens.push(Token { kind: Kind::Literal(literal, chars[start..end].iter().collect()), at: start + 1 });
                } else {
                    let literal = match word.as_str() {
                        "true" => Some(Literal::Boolean(true)),
                        "false" => Some(Literal::Boolean(false)),
                        "null" => Some(Literal::Null),
                        "NaN" => Some(Literal::Decimal(f64::NAN)),
                        "INF" => Some(Literal::Decimal(f64::INFINITY)),
                        _ => None,
                    };
                    let kind = match literal {
                        Some(literal) => Kind::Literal(literal, word),
                        None => Kind::Word(word),
                    };
                    tokens.push(Token { kind, at: start + 1 });
                }
                continue;
            }
            '+' => return Err(error(start, "a space ('+' is how a URL spells a space: write spaces, the request encodes them)", "'+'".into())),
            '=' | '<' | '>' | '!' => {
                return Err(error(start, "an OData operator (eq, ne, gt, ge, lt, le)", describe_char(c)));
            }
            '"' => return Err(error(start, "a string in single quotes ('Shipped')", "'\"'".into())),
            other => return Err(error(start, "a field, a literal, an operator or a parenthesis", describe_char(other))),
        };
        tokens.push(Token { kind, at: start + 1 });
        i += 1;
    }
    tokens.push(Token { kind: Kind::End, at: chars.len() + 1 });
    Ok(tokens)
}

fn describe_char(c: char) -> String {
    format!("'{c}'")
}

/// The text of a quoted literal starting at `chars[open] == '\''`, `''` unescaped, and
/// the index after the closing quote.
fn quoted(chars: &[char], open: usize) -> Option<(String, usize)> {
    let mut value = String::new();
    let mut i = open + 1;
    loop {
        match chars.get(i)? {
            '\'' if chars.get(i + 1) == Some(&'\'') => {
                value.push('\'');
                i += 2;
            }
            '\'' => return Some((value, i + 1)),
            &c => {
                value.push(c);
                i += 1;
            }
        }
    }
}

/// `-?digits(.digits)?([eE][+-]?digits)?[LlMmDdFf]?`, or `-INF`.
fn number(chars: &[char], start: usize) -> Option<(Literal, usize)> {
    let mut i = start;
    if chars[i] == '-' {
        i += 1;
        if chars[i..].starts_with(&['I', 'N', 'F']) {
            return Some((Literal::Decimal(f64::NEG_INFINITY), i + 3));
        }
    }
    let digits = |i: &mut usize| {
        let from = *i;
        while chars.get(*i).is_some_and(char::is_ascii_digit) {
            *i += 1;
        }
        *i > from
    };
    if !digits(&mut i) {
        return None;
    }
    let mut decimal = false;
    if chars.get(i) == Some(&'.') {
        i += 1;
        if !digits(&mut i) {
            return None;
        }
        decimal = true;
    }
    if matches!(chars.get(i), Some('e' | 'E')) && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit() || *c == '+' || *c == '-') {
        i += 1;
        if matches!(chars.get(i), Some('+' | '-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return None;
        }
        decimal = true;
    }
    let text: String = chars[start..i].iter().collect();
    let suffix = chars.get(i).copied();
    let literal = match suffix {
        Some('L' | 'l') if !decimal => {
            i += 1;
            Literal::Integer(text.parse().ok()?)
        }
        Some('M' | 'm' | 'D' | 'd' | 'F' | 'f') => {
            i += 1;
            Literal::Decimal(text.parse().ok()?)
        }
        _ if decimal => Literal::Decimal(text.parse().ok()?),
        _ => text.parse().map(Literal::Integer).or_else(|_| text.parse().map(Literal::Decimal)).ok()?,
    };
    // `12abc`: a number runs into a word.
    if chars.get(i).is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_') {
        return None;
    }
    Some((literal, i))
}

fn typed_literal(kind: &str, value: String) -> Result<Literal, String> {
    match kind {
        "datetime" if is_datetime(&value, false) => Ok(Literal::DateTime(value)),
        "datetime" => Err("a date-time such as datetime'2016-01-01' or datetime'2016-01-01T10:30:00'".into()),
        "datetimeoffset" if is_datetime(&value, true) => Ok(Literal::DateTimeOffset(value)),
        "datetimeoffset" => Err("a date-time with an offset such as datetimeoffset'2016-01-01T10:30:00Z'".into()),
        _ if is_guid(&value) => Ok(Literal::Guid(value)),
        _ => Err("a GUID such as guid'83895c3b-d59f-420e-b67a-8ca6ce3a17b4'".into()),
    }
}

/// `YYYY-MM-DD`, optionally `THH:MM[:SS[.fraction]]`; with `offset`, a time and `Z` or
/// `±HH:MM` are required; without, an offset is still accepted (servers do).
fn is_datetime(value: &str, offset: bool) -> bool {
    let b = value.as_bytes();
    let num = |from: usize, len: usize, max: u32| -> bool {
        b.get(from..from + len).is_some_and(|d| d.iter().all(u8::is_ascii_digit) && d.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')) <= max)
    };
    let date =
        num(0, 4, 9999) && b.get(4) == Some(&b'-') && num(5, 2, 12) && b.get(7) == Some(&b'-') && num(8, 2, 31) && b[5..7] != *b"00" && b[8..10] != *b"00";
    if !date {
        return false;
    }
    if b.len() == 10 {
        return !offset;
    }
    if b.get(10) != Some(&b'T') || !(num(11, 2, 23) && b.get(13) == Some(&b':') && num(14, 2, 59)) {
        return false;
    }
    let mut i = 16;
    if b.get(i) == Some(&b':') {
        if !num(i + 1, 2, 59) {
            return false;
        }
        i += 3;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let from = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == from {
                return false;
            }
        }
    }
    match b.get(i) {
        None => !offset,
        Some(b'Z') => i + 1 == b.len(),
        Some(b'+' | b'-') => num(i + 1, 2, 23) && b.get(i + 3) == Some(&b':') && num(i + 4, 2, 59) && i + 6 == b.len(),
        _ => false,
    }
}

fn is_guid(value: &str) -> bool {
    let groups: Vec<&str> = value.split('-').collect();
    groups.len() == 5 && groups.iter().zip([8, 4, 4, 4, 12]).all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

// ---------------------------------------------------------------------------------
// Parser

/// A parsed expression and where it starts, for messages about it.
struct Node {
    expr: Expr,
    at: usize,
}

impl Node {
    /// What kind of value the expression is, for "expected a condition" messages;
    /// `None` for a condition or something that may be one (a field, a parenthesis).
    fn value_kind(&self) -> Option<&'static str> {
        match &self.expr {
            Expr::Literal(Literal::Boolean(_)) | Expr::Member(_) => None,
            Expr::Literal(Literal::String(_)) => Some("a string literal"),
            Expr::Literal(Literal::Integer(_) | Literal::Decimal(_)) => Some("a number"),
            Expr::Literal(Literal::Null) => Some("null"),
            Expr::Literal(Literal::DateTime(_) | Literal::DateTimeOffset(_)) => Some("a date-time literal"),
            Expr::Literal(Literal::Guid(_)) => Some("a GUID literal"),
            Expr::Call(f, _) if !f.is_condition() => Some(f.name()),
            _ => None,
        }
    }

    fn is_condition(&self) -> bool {
        match &self.expr {
            Expr::Or(..) | Expr::And(..) | Expr::Not(_) | Expr::Compare(..) => true,
            Expr::Call(f, _) => f.is_condition(),
            _ => false,
        }
    }
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
    /// Positions of the parentheses open around the current point.
    open: Vec<usize>,
    /// Levels of parentheses, `not` and function calls around the current point.
    depth: usize,
}

type Parsed = Result<Node, ParseError>;

impl Parser {
    /// One more level of nesting, at `position`: refused past [`MAX_FILTER_DEPTH`].
    fn enter(&mut self, position: usize) -> Result<(), ParseError> {
        if self.depth == MAX_FILTER_DEPTH {
            return Err(ParseError {
                position,
                expected: format!("at most {MAX_FILTER_DEPTH} levels of nesting"),
                found: "a deeper one".into(),
                limit: Some(Limit::Depth(MAX_FILTER_DEPTH)),
            });
        }
        self.depth += 1;
        Ok(())
    }

    fn peek(&self) -> &Token {
        &self.tokens[self.at.min(self.tokens.len() - 1)]
    }

    fn is_word(&self, word: &str) -> bool {
        matches!(&self.peek().kind, Kind::Word(w) if w == word)
    }

    fn error(&self, expected: &str) -> ParseError {
        let token = self.peek();
        ParseError { position: token.at, expected: expected.to_string(), found: describe(&token.kind), limit: None }
    }

    /// `expected` at the token where `node` starts: the node is of the wrong kind.
    fn misplaced(node: &Node, expected: &str, found: &str) -> ParseError {
        ParseError { position: node.at, expected: expected.to_string(), found: found.to_string(), limit: None }
    }

    /// A condition is needed here: refuse plain values.
    fn condition(&self, node: &Node) -> Result<(), ParseError> {
        match node.value_kind() {
            Some(found) => {
                Err(Self::misplaced(node, "a condition (a comparison such as Status eq 'Shipped', or a function such as startswith(Name, 'A'))", found))
            }
            None => Ok(()),
        }
    }

    fn or(&mut self) -> Parsed {
        let mut left = self.and()?;
        while self.is_word("or") {
            self.at += 1;
            let right = self.and()?;
            self.condition(&left)?;
            self.condition(&right)?;
            left = Node { at: left.at, expr: Expr::Or(Box::new(left.expr), Box::new(right.expr)) };
        }
        Ok(left)
    }

    fn and(&mut self) -> Parsed {
        let mut left = self.unary()?;
        while self.is_word("and") {
            self.at += 1;
            let right = self.unary()?;
            self.condition(&left)?;
            self.condition(&right)?;
            left = Node { at: left.at, expr: Expr::And(Box::new(left.expr), Box::new(right.expr)) };
        }
        Ok(left)
    }

    fn unary(&mut self) -> Parsed {
        if self.is_word("not") {
            let at = self.peek().at;
            self.enter(at)?;
            self.at += 1;
            let operand = self.unary()?;
            self.depth -= 1;
            self.condition(&operand)?;
            return Ok(Node { at, expr: Expr::Not(Box::new(operand.expr)) });
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Parsed {
        let left = self.primary()?;
        let op = match &self.peek().kind {
            Kind::Word(w) => CompareOp::from_word(w),
            _ => None,
        };
        let Some(op) = op else { return Ok(left) };
        self.at += 1;
        let right = self.primary()?;
        Ok(Node { at: left.at, expr: Expr::Compare(Box::new(left.expr), op, Box::new(right.expr)) })
    }

    fn primary(&mut self) -> Parsed {
        const VALUE: &str = "a value (a field, a literal such as 'text', 12 or datetime'2016-01-01', or a function call)";
        let token = self.peek().clone();
        match token.kind {
            Kind::Open => {
                self.enter(token.at)?;
                self.at += 1;
                self.open.push(token.at);
                let inner = self.or()?;
                if self.peek().kind != Kind::Close {
                    return Err(self.error(&self.after(&inner)));
                }
                self.depth -= 1;
                self.open.pop();
                self.at += 1;
                Ok(Node { at: token.at, expr: inner.expr })
            }
            Kind::Literal(literal, _) => {
                self.at += 1;
                Ok(Node { at: token.at, expr: Expr::Literal(literal) })
            }
            Kind::Word(word) if self.tokens.get(self.at + 1).is_some_and(|t| t.kind == Kind::Open) && !is_keyword(&word) => {
                let Some(function) = Function::ALL.into_iter().find(|f| f.name() == word) else {
                    let known: Vec<&str> = Function::ALL.iter().map(|f| f.name()).collect();
                    return Err(ParseError {
                        position: token.at,
                        expected: format!("a known function ({})", known.join(", ")),
                        found: format!("'{word}'"),
                        limit: None,
                    });
                };
                self.enter(token.at)?;
                self.at += 2;
                self.open.push(token.at + word.chars().count());
                let mut args = Vec::new();
                if self.peek().kind != Kind::Close {
                    loop {
                        let arg = self.or()?;
                        if arg.is_condition() {
                            return Err(Self::misplaced(
                                &arg,
                                &format!("a value as argument of {word} (a field, a literal or tolower/toupper)"),
                                "a condition",
                            ));
                        }
                        args.push(arg.expr);
                        match self.peek().kind {
                            Kind::Comma => self.at += 1,
                            Kind::Close => break,
                            _ => return Err(self.error("',' or ')'")),
                        }
                    }
                }
                self.depth -= 1;
                self.open.pop();
                self.at += 1;
                if args.len() != function.arity() {
                    let wanted = if function.arity() == 1 { "1 argument".to_string() } else { format!("{} arguments", function.arity()) };
                    return Err(ParseError { position: token.at, expected: format!("{wanted} for {word}"), found: format!("{}", args.len()), limit: None });
                }
                Ok(Node { at: token.at, expr: Expr::Call(function, args) })
            }
            Kind::Word(ref word) if !is_keyword(word) => Ok(Node { at: token.at, expr: Expr::Member(self.member()?) }),
            _ => Err(self.error(VALUE)),
        }
    }

    /// `Name` or `Address/City`.
    fn member(&mut self) -> Result<Vec<String>, ParseError> {
        let mut path = Vec::new();
        loop {
            match &self.peek().kind {
                Kind::Word(w) if !is_keyword(w) => path.push(w.clone()),
                _ => return Err(self.error("a field name")),
            }
            self.at += 1;
            if self.peek().kind != Kind::Slash {
                return Ok(path);
            }
            self.at += 1;
        }
    }

    /// What may follow a complete expression here.
    fn after(&self, node: &Node) -> String {
        let operators =
            if matches!(node.expr, Expr::Compare(..)) || node.is_condition() { "'and', 'or'" } else { "an operator (eq, ne, gt, ge, lt, le, and, or)" };
        match self.open.last() {
            Some(at) => format!("{operators} or ')' closing the '(' at character {at}"),
            None => format!("{operators} or the end of the filter"),
        }
    }

    fn expect_end(&self, node: &Node) -> Result<(), ParseError> {
        match self.peek().kind {
            Kind::End => Ok(()),
            _ => Err(self.error(&self.after(node))),
        }
    }

    /// After an `$orderby` key: `true` if a ',' follows (and is consumed), `false` at
    /// the end.
    fn separator(&mut self) -> Result<bool, ParseError> {
        match self.peek().kind {
            Kind::Comma => {
                self.at += 1;
                Ok(true)
            }
            Kind::End => Ok(false),
            _ => Err(self.error("'asc', 'desc', ',' or the end of the $orderby")),
        }
    }
}

fn describe(kind: &Kind) -> String {
    match kind {
        Kind::Open => "'('".into(),
        Kind::Close => "')'".into(),
        Kind::Comma => "','".into(),
        Kind::Slash => "'/'".into(),
        Kind::Word(w) => format!("'{w}'"),
        Kind::Literal(_, written) => written.clone(),
        Kind::End => "the end".into(),
    }
}

// ---------------------------------------------------------------------------------
// Builder

/// How tightly a rendered filter binds, to parenthesise only where needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Or,
    And,
    Comparison,
    Atom,
}

/// A `$filter` built from typed parts; renders (`to_string()`, `String::from`) as OData
/// that [`parse_filter`] accepts, literals quoted and escaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    text: String,
    level: Level,
}

/// One side of a comparison: a field path, a literal, or `tolower`/`toupper` of one.
/// Text, numbers and booleans convert into literals (`"Shipped"` → `'Shipped'`);
/// [`Filter::field`] makes a field.
#[derive(Debug, Clone)]
pub struct Operand(String);

impl Operand {
    fn compare(self, op: CompareOp, other: impl Into<Operand>) -> Filter {
        Filter { text: format!("{} {} {}", self.0, op.as_str(), other.into().0), level: Level::Comparison }
    }
    pub fn eq(self, value: impl Into<Operand>) -> Filter {
        self.compare(CompareOp::Eq, value)
    }
    pub fn ne(self, value: impl Into<Operand>) -> Filter {
        self.compare(CompareOp::Ne, value)
    }
    pub fn gt(self, value: impl Into<Operand>) -> Filter {
        self.compare(CompareOp::Gt, value)
    }
    pub fn ge(self, value: impl Into<Operand>) -> Filter {
        self.compare(CompareOp::Ge, value)
    }
    pub fn lt(self, value: impl Into<Operand>) -> Filter {
        self.compare(CompareOp::Lt, value)
    }
    pub fn le(self, value: impl Into<Operand>) -> Filter {
        self.compare(CompareOp::Le, value)
    }
    /// `tolower(<self>)`, for case-insensitive comparisons.
    pub fn tolower(self) -> Operand {
        Operand(format!("tolower({})", self.0))
    }
    /// `toupper(<self>)`.
    pub fn toupper(self) -> Operand {
        Operand(format!("toupper({})", self.0))
    }
}

impl From<Literal> for Operand {
    fn from(literal: Literal) -> Operand {
        Operand(literal.to_string())
    }
}

macro_rules! literal_operand {
    ($($t:ty => $variant:ident),* $(,)?) => {
        $(impl From<$t> for Operand {
            fn from(value: $t) -> Operand {
                Literal::$variant(value.into()).into()
            }
        })*
    };
}
literal_operand!(&str => String, String => String, i64 => Integer, i32 => Integer, u32 => Integer, f64 => Decimal, bool => Boolean);

impl Filter {
    /// A field of the listed objects (`"OrderStatusId"`), or a path (`"Address/City"`).
    pub fn field(name: impl Into<String>) -> Operand {
        Operand(name.into())
    }

    fn call(function: Function, args: [Operand; 2]) -> Filter {
        let [a, b] = args;
        Filter { text: format!("{}({}, {})", function.name(), a.0, b.0), level: Level::Atom }
    }

    /// `substringof(<needle>, <haystack>)` (OData v3): `haystack` contains `needle`.
    pub fn substringof(needle: impl Into<Operand>, haystack: impl Into<Operand>) -> Filter {
        Filter::call(Function::Substringof, [needle.into(), haystack.into()])
    }

    /// `startswith(<value>, <prefix>)`.
    pub fn startswith(value: impl Into<Operand>, prefix: impl Into<Operand>) -> Filter {
        Filter::call(Function::Startswith, [value.into(), prefix.into()])
    }

    /// `endswith(<value>, <suffix>)`.
    pub fn endswith(value: impl Into<Operand>, suffix: impl Into<Operand>) -> Filter {
        Filter::call(Function::Endswith, [value.into(), suffix.into()])
    }

    /// `contains(<value>, <needle>)` (OData v4; v3 servers know `substringof`).
    pub fn contains(value: impl Into<Operand>, needle: impl Into<Operand>) -> Filter {
        Filter::call(Function::Contains, [value.into(), needle.into()])
    }

    fn wrapped(self, below: Level) -> String {
        if self.level < below {
            format!("({})", self.text)
        } else {
            self.text
        }
    }

    /// Both conditions.
    pub fn and(self, other: Filter) -> Filter {
        Filter { text: format!("{} and {}", self.wrapped(Level::And), other.wrapped(Level::And)), level: Level::And }
    }

    /// Either condition.
    pub fn or(self, other: Filter) -> Filter {
        Filter { text: format!("{} or {}", self.wrapped(Level::Or), other.wrapped(Level::Or)), level: Level::Or }
    }

    /// The filter as OData text.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// `not <filter>` (`!filter`); anything but a function call is parenthesised.
impl std::ops::Not for Filter {
    type Output = Filter;
    fn not(self) -> Filter {
        Filter { text: format!("not {}", self.wrapped(Level::Atom)), level: Level::Atom }
    }
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl From<Filter> for String {
    fn from(filter: Filter) -> String {
        filter.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(filter: &str) -> String {
        parse_filter(filter).expect_err(filter).to_string()
    }

    #[test]
    fn the_documents_examples_parse() {
        for ok in [
            "OrderPlacedDate gt datetime'2016-01-01' and OrderPlacedDate lt datetime'2016-06-01'",
            "CreatedDate ge datetime'2016-01-01' and CreatedDate le datetime'2016-06-01'",
            "ModifiedDate ge datetime'2016-01-01' and ModifiedDate le datetime'2016-06-01'",
        ] {
            parse_filter(ok).unwrap();
        }
        assert_eq!(parse_orderby("OrderNumber desc").unwrap(), vec![(vec!["OrderNumber".to_string()], Direction::Desc)]);
    }

    #[test]
    fn good_filters_parse() {
        for ok in [
            "Status eq 'Shipped'",
            "OrderStatusId eq 9",
            "OrderStatusId ne 5 and (CarrierId eq 1 or CarrierId eq 8)",
            "not (Deleted eq true)",
            "not Deleted",
            "Deleted",
            "true",
            "LastName eq 'O''Brien'",
            "LastName eq ''",
            "Total gt -12.5 and Total le 1e3 and Count lt 12L and Price eq 2.5M",
            "Address/City eq 'Austin'",
            "substringof('ring', FirstName)",
            "substringof('ring', FirstName) eq true",
            "startswith(tolower(LastName), 'mc') and endswith(toupper(City), 'TON')",
            "contains(FirstName, 'sam')",
            "ModifiedDate ge datetime'2016-01-01T10:30' and ModifiedDate lt datetime'2016-01-01T10:30:00.123'",
            "ModifiedDate lt datetimeoffset'2016-04-27T14:38:17.1709364+00:00'",
            "RefreshToken eq guid'83895c3b-d59f-420e-b67a-8ca6ce3a17b4'",
            "DOB eq null",
            "((A eq 1))",
            "  A  eq  1  ",
            "A eq B",
            "a_b1 eq 'x' or c eq 'y' and d eq 'z'",
        ] {
            if let Err(e) = parse_filter(ok) {
                panic!("{ok}: {e}");
            }
        }
    }

    #[test]
    fn precedence_is_not_then_and_then_or() {
        let expr = parse_filter("A eq 1 or B eq 2 and not C").unwrap();
        let Expr::Or(left, right) = expr else { panic!("or at the top") };
        assert!(matches!(*left, Expr::Compare(_, CompareOp::Eq, _)));
        let Expr::And(_, not) = *right else { panic!("and under or") };
        assert_eq!(*not, Expr::Not(Box::new(Expr::Member(vec!["C".into()]))));
    }

    #[test]
    fn bad_filters_say_where_and_what_was_expected() {
        assert_eq!(
            err("Status eq"),
            "does not parse at character 10: expected a value (a field, a literal such as 'text', 12 or datetime'2016-01-01', or a function call), found the end"
        );
        assert_eq!(err(""), "does not parse at character 1: expected a filter expression, found the end");
        assert_eq!(err("Status = 'Shipped'"), "does not parse at character 8: expected an OData operator (eq, ne, gt, ge, lt, le), found '='");
        assert_eq!(
            err("Status eq 'Shipped"),
            "does not parse at character 11: expected \"'\" closing the string that starts at character 11, found end of filter"
        );
        assert_eq!(err("Status eq \"Shipped\""), "does not parse at character 11: expected a string in single quotes ('Shipped'), found '\"'");
        assert_eq!(
            err("OrderPlacedDate+gt+datetime'2016-01-01'"),
            "does not parse at character 16: expected a space ('+' is how a URL spells a space: write spaces, the request encodes them), found '+'"
        );
        assert_eq!(err("A eq 1 B eq 2"), "does not parse at character 8: expected 'and', 'or' or the end of the filter, found 'B'");
        assert_eq!(err("(A eq 1"), "does not parse at character 8: expected 'and', 'or' or ')' closing the '(' at character 1, found the end");
        assert_eq!(err("A eq 1)"), "does not parse at character 7: expected 'and', 'or' or the end of the filter, found ')'");
        assert_eq!(err("A eq 1 and"), "does not parse at character 11: expected a value (a field, a literal such as 'text', 12 or datetime'2016-01-01', or a function call), found the end");
        assert_eq!(err("A EQ 1"), "does not parse at character 3: expected an operator (eq, ne, gt, ge, lt, le, and, or) or the end of the filter, found 'EQ'");
        assert_eq!(err("A eq 1 eq 2"), "does not parse at character 8: expected 'and', 'or' or the end of the filter, found 'eq'");
        assert_eq!(
            err("CreatedDate ge datetime'2016-13-01'"),
            "does not parse at character 25: expected a date-time such as datetime'2016-01-01' or datetime'2016-01-01T10:30:00', found '2016-13-01'"
        );
        assert_eq!(
            err("CreatedDate ge datetime'2016-01-01"),
            "does not parse at character 24: expected \"'\" closing the datetime literal that starts at character 16, found end of filter"
        );
        assert_eq!(
            err("substr('a', Name)"),
            "does not parse at character 1: expected a known function (substringof, startswith, endswith, contains, tolower, toupper), found 'substr'"
        );
        assert_eq!(err("substringof('a')"), "does not parse at character 1: expected 2 arguments for substringof, found 1");
        assert_eq!(err("tolower(Name)"), "does not parse at character 1: expected a condition (a comparison such as Status eq 'Shipped', or a function such as startswith(Name, 'A')), found tolower");
        assert_eq!(err("'Shipped'"), "does not parse at character 1: expected a condition (a comparison such as Status eq 'Shipped', or a function such as startswith(Name, 'A')), found a string literal");
        assert_eq!(err("A eq 1 and 12"), "does not parse at character 12: expected a condition (a comparison such as Status eq 'Shipped', or a function such as startswith(Name, 'A')), found a number");
        assert_eq!(
            err("startswith(A eq 1, 'x')"),
            "does not parse at character 12: expected a value as argument of startswith (a field, a literal or tolower/toupper), found a condition"
        );
        assert_eq!(err("A eq 12abc"), "does not parse at character 6: expected a number, found '1'");
        assert_eq!(
            err("and eq 1"),
            "does not parse at character 1: expected a value (a field, a literal such as 'text', 12 or datetime'2016-01-01', or a function call), found 'and'"
        );
        assert_eq!(err("Address/ eq 1"), "does not parse at character 10: expected a field name, found 'eq'");
        assert_eq!(err("A eq 1 ; drop"), "does not parse at character 8: expected a field, a literal, an operator or a parenthesis, found ';'");
        // Positions count characters, not bytes.
        assert_eq!(err("Name eq 'é' B"), "does not parse at character 13: expected 'and', 'or' or the end of the filter, found 'B'");
    }

    #[test]
    fn a_misplaced_literal_is_quoted_as_written() {
        let err = |f: &str| parse_filter(f).unwrap_err().to_string();
        let misplaced = |literal: &str| format!("does not parse at character 8: expected 'and', 'or' or the end of the filter, found {literal}");
        for written in
            ["2.50", "1e3", "2.5M", "007", "5L", "-INF", "NaN", "'it''s'", "datetime'2016-01-01'", "guid'12345678-1234-1234-1234-123456789012'", "null", "true"]
        {
            assert_eq!(err(&format!("A eq 1 {written}")), misplaced(written));
        }
    }

    #[test]
    fn orderby_lists_keys_with_directions() {
        assert_eq!(
            parse_orderby("OrderNumber desc, CreatedDate,Address/City asc").unwrap(),
            vec![
                (vec!["OrderNumber".to_string()], Direction::Desc),
                (vec!["CreatedDate".to_string()], Direction::Asc),
                (vec!["Address".to_string(), "City".to_string()], Direction::Asc),
            ]
        );
        assert_eq!(parse_orderby("").unwrap_err().to_string(), "does not parse at character 1: expected a field name, found the end");
        assert_eq!(
            parse_orderby("OrderNumber descending").unwrap_err().to_string(),
            "does not parse at character 13: expected 'asc', 'desc', ',' or the end of the $orderby, found 'descending'"
        );
        assert_eq!(parse_orderby("OrderNumber desc,").unwrap_err().to_string(), "does not parse at character 18: expected a field name, found the end");
        assert_eq!(parse_orderby("OrderNumber DESC").unwrap_err().position, 13);
    }

    #[test]
    fn the_builder_renders_valid_odata() {
        let cases: Vec<(Filter, &str)> = vec![
            (Filter::field("Status").eq("Shipped"), "Status eq 'Shipped'"),
            (Filter::field("Status").eq("Shipped").and(Filter::field("OrderStatusId").ne(5)), "Status eq 'Shipped' and OrderStatusId ne 5"),
            (Filter::field("LastName").eq("O'Brien"), "LastName eq 'O''Brien'"),
            (Filter::field("A").eq(1).or(Filter::field("B").eq(2)).and(Filter::field("C").eq(true)), "(A eq 1 or B eq 2) and C eq true"),
            (Filter::field("A").eq(1).and(Filter::field("B").eq(2).or(Filter::field("C").eq(3))), "A eq 1 and (B eq 2 or C eq 3)"),
            (Filter::field("A").eq(1).or(Filter::field("B").eq(2).and(Filter::field("C").eq(3))), "A eq 1 or B eq 2 and C eq 3"),
            (!Filter::field("Deleted").eq(true), "not (Deleted eq true)"),
            (!Filter::substringof("x", Filter::field("Name")), "not substringof('x', Name)"),
            (!(Filter::field("A").eq(1).and(Filter::field("B").eq(2))), "not (A eq 1 and B eq 2)"),
            (Filter::field("OrderPlacedDate").gt(Literal::datetime("2016-01-01")), "OrderPlacedDate gt datetime'2016-01-01'"),
            (Filter::field("Total").ge(2.0), "Total ge 2.0"),
            (Filter::field("Total").ge(f64::NAN), "Total ge NaN"),
            (Filter::field("Total").lt(f64::NEG_INFINITY), "Total lt -INF"),
            (Filter::field("Name").tolower().eq("sam"), "tolower(Name) eq 'sam'"),
            (Filter::startswith(Filter::field("Name").toupper(), "SA"), "startswith(toupper(Name), 'SA')"),
            (Filter::endswith(Filter::field("Address/City"), "ton"), "endswith(Address/City, 'ton')"),
            (Filter::contains(Filter::field("Name"), "am"), "contains(Name, 'am')"),
            (Filter::field("DOB").eq(Literal::Null), "DOB eq null"),
            (Filter::field("A").eq(Filter::field("B")), "A eq B"),
        ];
        for (filter, text) in cases {
            assert_eq!(filter.to_string(), text);
            if let Err(e) = parse_filter(filter.as_str()) {
                panic!("{text}: {e}");
            }
        }
    }

    #[test]
    fn rendered_literals_parse_back_to_themselves() {
        for literal in [
            Literal::String("it''s 'quoted'".into()),
            Literal::Integer(-42),
            Literal::Decimal(2.5),
            Literal::Boolean(false),
            Literal::Null,
            Literal::datetime("2016-04-27T14:38:17.1709364"),
            Literal::datetimeoffset("2016-04-27T14:38:17+00:00"),
        ] {
            let filter = Filter::field("X").eq(literal.clone());
            let Expr::Compare(_, _, right) = parse_filter(filter.as_str()).unwrap() else { panic!() };
            assert_eq!(*right, Expr::Literal(literal));
        }
    }

    #[test]
    fn ten_thousand_nested_parentheses_are_refused_naming_the_limit() {
        let deep = format!("{}A eq 1{}", "(".repeat(10_000), ")".repeat(10_000));
        let e = parse_filter(&deep).unwrap_err();
        assert_eq!(e.limit, Some(Limit::Length(MAX_FILTER_LENGTH)));
        assert_eq!(e.to_string(), "is 20006 characters long, more than the 2048 accepted");
        let mut errors = FieldErrors::new();
        check_filter(&mut errors, "$filter", &deep);
        assert_eq!(crate::vendors::checks::into_vec(errors)[0].to_string(), "$filter: is 20006 characters long, more than the 2048 accepted");
    }

    #[test]
    fn nesting_past_the_depth_limit_is_refused_whatever_nests() {
        let parens = format!("{}A eq 1{}", "(".repeat(MAX_FILTER_DEPTH + 1), ")".repeat(MAX_FILTER_DEPTH + 1));
        assert_eq!(parse_filter(&parens).unwrap_err().to_string(), "nests deeper than 32 levels at character 33 (parentheses, not and function calls count)");
        parse_filter(&format!("{}A eq 1{}", "(".repeat(MAX_FILTER_DEPTH), ")".repeat(MAX_FILTER_DEPTH))).unwrap();
        // As deep as the length limit allows: refused at the 33rd level, not overflowing.
        let within_length = format!("{}A eq 1{}", "(".repeat(1000), ")".repeat(1000));
        assert_eq!(parse_filter(&within_length).unwrap_err().limit, Some(Limit::Depth(MAX_FILTER_DEPTH)));
        let nots = format!("{}A", "not ".repeat(MAX_FILTER_DEPTH + 1));
        assert_eq!(parse_filter(&nots).unwrap_err().limit, Some(Limit::Depth(MAX_FILTER_DEPTH)));
        parse_filter(&format!("{}A", "not ".repeat(MAX_FILTER_DEPTH))).unwrap();
        let calls = format!("startswith({}Name{}, 'a')", "tolower(".repeat(MAX_FILTER_DEPTH), ")".repeat(MAX_FILTER_DEPTH));
        assert_eq!(parse_filter(&calls).unwrap_err().limit, Some(Limit::Depth(MAX_FILTER_DEPTH)));
        // Within the length limit, the deepest tree is a long chain of `and`: fine.
        let chain = vec!["A"; MAX_FILTER_LENGTH / 6].join(" and ");
        assert!(chain.len() <= MAX_FILTER_LENGTH);
        parse_filter(&chain).unwrap();
    }

    /// Issue 16: a flat chain of `and`/`or` is parsed in a loop, not a recursion; the
    /// tree it builds (and drops, compares, clones) is as deep as the chain, which the
    /// length limit bounds to about 400 terms. The deepest such trees parse, and are
    /// walked by the derived traits, on a 256 KB stack (wasm's is 1 MB); past the
    /// length limit, a 20,000-term chain is refused before any parsing.
    #[test]
    fn the_longest_chains_the_length_limit_allows_stay_within_a_small_stack() {
        let deepest = |op: &str| {
            let mut chain = String::from("A");
            while chain.len() + op.len() + 2 <= MAX_FILTER_LENGTH {
                chain.push_str(&format!(" {op} A"));
            }
            chain
        };
        let chains = [deepest("and"), deepest("or"), format!("{} and A", vec!["not A"; 220].join(" or "))];
        std::thread::Builder::new()
            .stack_size(256 << 10)
            .spawn(move || {
                for chain in &chains {
                    assert!(chain.len() <= MAX_FILTER_LENGTH, "{}", chain.len());
                    let expr = parse_filter(chain).unwrap_or_else(|e| panic!("{e}"));
                    assert_eq!(expr.clone(), expr);
                    assert!(format!("{expr:?}").len() > chain.len());
                }
            })
            .unwrap()
            .join()
            .unwrap();
        let long = vec!["OrderStatusId eq 9"; 20_000].join(" and ");
        assert_eq!(parse_filter(&long).unwrap_err().limit, Some(Limit::Length(MAX_FILTER_LENGTH)));
    }

    #[test]
    fn a_long_orderby_is_refused_naming_the_limit() {
        let long = vec!["A"; 10_000].join(",");
        assert_eq!(parse_orderby(&long).unwrap_err().to_string(), "is 19999 characters long, more than the 2048 accepted");
        parse_orderby(&vec!["A"; 1024].join(",")).unwrap();
    }

    #[test]
    fn check_reports_on_the_named_field() {
        let mut errors = FieldErrors::new();
        check_filter(&mut errors, "$filter", "Status eq");
        check_orderby(&mut errors, "$orderby", "OrderNumber desc");
        check_orderby(&mut errors, "$orderby", "1");
        let messages: Vec<String> = crate::vendors::checks::into_vec(errors).iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 2);
        assert!(messages[0].starts_with("$filter: does not parse at character 10: expected a value"), "{}", messages[0]);
        assert_eq!(messages[1], "$orderby: does not parse at character 1: expected a field name, found 1");
    }
}
