//! Lines of a stream, each read into a buffer of bounded size: how a JSON Lines file too large
//! to read whole is taken a record at a time. Lines end as `json::lines` ends them for a file
//! read whole (`\n`, `\r\n`, or a lone `\r` from old Mac tools), so a file is numbered the same
//! line by line whichever way it is read.

use std::io::{self, BufRead};

/// A line as [`CappedLines::next_line`] read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// The line's bytes, without its end, are in the buffer.
    Read,
    /// The line was longer than the cap: it was read past, not kept (the buffer is empty).
    TooLong,
}

/// Reads lines of at most `cap` bytes from `input`; memory never holds more than one line.
pub struct CappedLines<R> {
    input: R,
    cap: u64,
    /// The last line ended in `\r`: a `\n` right after it belongs to that end.
    after_cr: bool,
    /// Bytes taken from `input` so far, line ends and over-long lines included.
    consumed: u64,
}

impl<R: BufRead> CappedLines<R> {
    pub fn new(input: R, cap: u64) -> Self {
        CappedLines {
            input,
            cap,
            after_cr: false,
            consumed: 0,
        }
    }

    /// Bytes read from the input so far (what a line cost is the difference across its read).
    pub fn consumed(&self) -> u64 {
        self.consumed
    }

    /// The next line into `buf` (cleared first); `None` at the end of the stream. A last line
    /// without an end counts; an end with nothing after it starts no line.
    pub fn next_line(&mut self, buf: &mut Vec<u8>) -> io::Result<Option<Line>> {
        buf.clear();
        let (mut too_long, mut started) = (false, false);
        loop {
            let chunk = self.input.fill_buf()?;
            if chunk.is_empty() {
                return Ok(started.then_some(if too_long { Line::TooLong } else { Line::Read }));
            }
            let from = usize::from(std::mem::take(&mut self.after_cr) && chunk[0] == b'\n');
            let end = chunk[from..]
                .iter()
                .position(|&b| b == b'\n' || b == b'\r')
                .map(|i| from + i);
            let piece = &chunk[from..end.unwrap_or(chunk.len())];
            started |= !piece.is_empty() || end.is_some();
            if !too_long {
                if (buf.len() + piece.len()) as u64 > self.cap {
                    too_long = true;
                    buf.clear();
                } else {
                    buf.extend_from_slice(piece);
                }
            }
            match end {
                Some(e) => {
                    self.after_cr = chunk[e] == b'\r';
                    self.input.consume(e + 1);
                    self.consumed += e as u64 + 1;
                    return Ok(Some(if too_long { Line::TooLong } else { Line::Read }));
                }
                None => {
                    let n = chunk.len();
                    self.input.consume(n);
                    self.consumed += n as u64;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line of `text` read through buffers of `buf` bytes with a cap of `cap`.
    fn read_all(text: &[u8], buf: usize, cap: u64) -> Vec<Option<String>> {
        let input = io::BufReader::with_capacity(buf, text);
        let mut lines = CappedLines::new(input, cap);
        let mut out = Vec::new();
        let mut line = Vec::new();
        while let Some(l) = lines.next_line(&mut line).unwrap() {
            out.push(match l {
                Line::Read => Some(String::from_utf8(line.clone()).unwrap()),
                Line::TooLong => None,
            });
        }
        out
    }

    fn s(v: &[&str]) -> Vec<Option<String>> {
        v.iter().map(|x| Some(x.to_string())).collect()
    }

    #[test]
    fn line_ends_split_as_a_file_read_whole_splits_them() {
        for buf in [1, 2, 3, 64] {
            assert_eq!(
                read_all(b"a\nb\r\nc\rd", buf, 100),
                s(&["a", "b", "c", "d"])
            );
            assert_eq!(read_all(b"a\n", buf, 100), s(&["a"]));
            assert_eq!(read_all(b"a\r\n", buf, 100), s(&["a"]));
            assert_eq!(read_all(b"a\n\nb", buf, 100), s(&["a", "", "b"]));
            assert_eq!(read_all(b"a\r\r\nb", buf, 100), s(&["a", "", "b"]));
            assert_eq!(read_all(b"\n", buf, 100), s(&[""]));
            assert_eq!(read_all(b"", buf, 100), s(&[]));
        }
    }

    #[test]
    fn every_byte_read_is_counted_ends_and_over_long_lines_included() {
        let text = b"abcdefgh\nxy\r\nz\rlast";
        for buf in [1, 3, 64] {
            let mut lines = CappedLines::new(io::BufReader::with_capacity(buf, &text[..]), 4);
            let mut line = Vec::new();
            let mut after = Vec::new();
            while lines.next_line(&mut line).unwrap().is_some() {
                after.push(lines.consumed());
            }
            // The `\n` of `\r\n` is taken with the next line, as the end it belongs to.
            assert_eq!(after, vec![9, 12, 15, 19], "buffer of {buf}");
        }
    }

    #[test]
    fn a_line_over_the_cap_is_read_past_and_the_next_is_whole() {
        for buf in [1, 4, 64] {
            let got = read_all(b"abcdefgh\nxy\r\nlongline", buf, 4);
            assert_eq!(got, vec![None, Some("xy".to_string()), None]);
            assert_eq!(read_all(b"abcd\n", buf, 4), s(&["abcd"]));
        }
    }
}
