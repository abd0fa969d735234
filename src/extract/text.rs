//! Pages saved as plain text (like the seed): a title line, date lines, body
//! paragraphs, then headed lists of headline lines.
//!
//! Lines are classified, not parsed: a paragraph is a long line or a sentence;
//! a list heading is a short line followed by list items; everything after
//! the first list heading belongs to the lists, since farms put their
//! clickbait after the story.

use super::date_rule::{DateField, DateRule, TextRule};
use super::dates::PageDates;
use super::{Extracted, LinkItem, LinkList, squash_whitespace};
use crate::calendar;

/// Breadcrumb trails (`Home > News`) are navigation, not titles.
fn is_breadcrumb(line: &str) -> bool {
    line.contains(" > ") || line.contains(" » ") || line.to_lowercase().starts_with("current:")
}

/// Words of a line, each character counting in scripts without spaces.
fn word_count(line: &str) -> usize {
    crate::script::count_words(line)
}

/// A line of running text: long, or a whole sentence of some length.
fn is_paragraph(line: &str) -> bool {
    let words = word_count(line);
    words >= 25 || (words >= 10 && crate::script::ends_sentence(line))
}

fn bullet_text(line: &str) -> Option<&str> {
    let t = line.trim_start();
    for b in ["- ", "* ", "• ", "· ", "– "] {
        if let Some(rest) = t.strip_prefix(b) {
            return Some(rest.trim());
        }
    }
    None
}

/// Longest line that can be a headline, in characters of any script.
const MAX_HEADLINE_CHARS: usize = 200;

/// A line that can be an item of a headline list.
fn is_item(line: &str) -> bool {
    bullet_text(line).is_some() || word_count(line) >= 4
}

/// A short label followed by at least two list items.
fn is_heading(lines: &[&str], i: usize) -> bool {
    let line = lines[i];
    let words = word_count(line);
    if words == 0 || words > 4 || crate::script::ends_sentence(line) || bullet_text(line).is_some()
    {
        return false;
    }
    // A subheading inside a story is followed by running text; a list's
    // heading by a bullet or a headline.
    let first = lines
        .get(i + 1)
        .is_some_and(|l| is_item(l) && (bullet_text(l).is_some() || !is_paragraph(l)));
    first && lines.get(i + 2).is_some_and(|l| is_item(l))
}

/// Widest line of a hard-wrapped text: mail and archives wrap at 65-80.
const MAX_WRAP_WIDTH: usize = 100;

/// Lines of a hard-wrapped text (a newline every ~70 characters, blank
/// lines between paragraphs, as plain-text mail and archives keep them)
/// joined back into one line a paragraph; other texts as they are. A line
/// was wrapped when it reaches most of the wrap width and the next line
/// goes on; a short line ends its paragraph, so headings and lists stay.
fn unwrap_lines(text: &str) -> std::borrow::Cow<'_, str> {
    let lens: Vec<usize> = text.lines().map(|l| l.trim().chars().count()).collect();
    let width = lens.iter().copied().max().unwrap_or(0);
    let long = |n: usize| n * 10 >= width * 6;
    let wrapped_lines = lens.windows(2).filter(|w| long(w[0]) && w[1] > 0).count();
    if !(40..=MAX_WRAP_WIDTH).contains(&width) || wrapped_lines < 3 {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut lines = text.lines().map(str::trim).peekable();
    while let Some(line) = lines.next() {
        out.push_str(line);
        let goes_on = lines.peek().is_some_and(|next| !next.is_empty());
        out.push(if long(line.chars().count()) && goes_on {
            ' '
        } else {
            '\n'
        });
    }
    out.into()
}

/// Extracts a saved-as-text page.
pub fn extract(text: &str) -> Extracted {
    let text = unwrap_lines(text);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut out = Extracted::default();
    let mut page_dates = PageDates::default();

    // The lists start at the first heading after some story, past which
    // the lines are mostly headlines rather than running text (a story may
    // have short subheadings of its own).
    // Nothing past the start of the lists is longer than a headline: a
    // story's bulleted list is followed by more of the story.
    let mut paragraphs_after = vec![0usize; lines.len() + 1];
    let mut running_text_after = vec![false; lines.len() + 1];
    for i in (0..lines.len()).rev() {
        paragraphs_after[i] = paragraphs_after[i + 1] + usize::from(is_paragraph(lines[i]));
        running_text_after[i] =
            running_text_after[i + 1] || lines[i].chars().count() > MAX_HEADLINE_CHARS;
    }
    let first_list = (1..lines.len()).find(|&i| {
        is_heading(&lines, i)
            && calendar::labelled_date_line(lines[i]).is_none()
            && paragraphs_after[i] * 3 < lines.len() - i
            && paragraphs_after[0] > paragraphs_after[i]
            && !running_text_after[i]
    });
    let body_end = first_list.unwrap_or(lines.len());

    let mut title: Option<String> = None;
    for (i, line) in lines[..body_end].iter().enumerate() {
        if let Some((d, utc)) = calendar::labelled_date_line(line) {
            page_dates.add_published_at(
                d,
                utc,
                false,
                DateRule::new(DateField::Text(TextRule::DateLine)),
            );
            continue;
        }
        if is_paragraph(line) {
            out.paragraphs.push(squash_whitespace(line));
        } else if title.is_none()
            && out.paragraphs.is_empty()
            && !is_breadcrumb(line)
            && word_count(line) >= 2
        {
            title = Some(squash_whitespace(line));
        } else if i > 0
            && !out.paragraphs.is_empty()
            && word_count(line) >= 3
            && !crate::script::ends_sentence(line)
        {
            // A short line inside the story is a subheading; keep it only if
            // more story follows (trailing widgets like "veryGood! (978)" are
            // not story).
            if lines[i + 1..body_end].iter().any(|l| is_paragraph(l)) {
                out.paragraphs.push(squash_whitespace(line));
            }
        }
    }
    // No line looked like a title before the body: a breadcrumb ends with
    // the headline; a text that starts with its story has no title.
    out.title = title.unwrap_or_else(|| {
        lines
            .first()
            .filter(|l| is_breadcrumb(l))
            .map(|l| l.rsplit(['>', '»']).next().unwrap_or(l).trim().to_string())
            .unwrap_or_default()
    });
    if let Some(start) = first_list {
        out.links = headed_lists(&lines[start..]);
    }
    out.dates = page_dates;
    out
}

/// Groups the lines after the body into lists under their headings.
fn headed_lists(lines: &[&str]) -> Vec<LinkList> {
    let mut lists: Vec<LinkList> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if is_heading(lines, i) {
            lists.push(LinkList {
                heading: line.to_string(),
                items: Vec::new(),
                region: super::Region::Main,
                story_distance: Some(1),
            });
            continue;
        }
        let text = bullet_text(line).unwrap_or(line);
        match lists.last_mut() {
            Some(list) => list.items.push(LinkItem {
                text: squash_whitespace(text),
                href: None,
                pictured: false,
            }),
            None => lists.push(LinkList {
                heading: String::new(),
                items: vec![LinkItem {
                    text: squash_whitespace(text),
                    href: None,
                    pictured: false,
                }],
                region: super::Region::Main,
                story_distance: Some(1),
            }),
        }
    }
    lists.retain(|l| !l.items.is_empty());
    lists
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "Home > World > Storm hits coast\n\
Storm hits the coast of the island\n\
Date:2024-03-05 10:00:00\n\
HAVANA (AP) — A powerful storm struck the northern coast of the island on Tuesday, cutting power to thousands of homes and forcing families to leave.\n\
Officials said the damage was still being counted and that rescue teams had reached most of the affected towns by the evening.\n\
Like (12)\n\
Related\n\
- Ten celebrity weddings that shocked the whole world\n\
- You will not believe what this actor eats for breakfast\n\
Ranking\n\
- Quarterback signs record deal after season of upsets\n\
- Best holiday gadgets ranked from worst to first\n";

    #[test]
    fn hard_wrapped_paragraphs_are_joined_and_the_title_stays_apart() {
        let story = "The harbour authority said on Tuesday that the strike by dock workers had \
                     halted the loading of grain ships for a third day, and that talks with the \
                     union would resume at the end of the week.";
        let second = "Shipping agents warned that the backlog of vessels waiting outside the \
                      port was the longest they had seen in a decade of trading on the coast.";
        let wrap = |p: &str| {
            let mut lines = vec![String::new()];
            for w in p.split(' ') {
                let last = lines.last_mut().unwrap();
                if last.len() + w.len() >= 70 {
                    lines.push(String::new());
                }
                let last = lines.last_mut().unwrap();
                if !last.is_empty() {
                    last.push(' ');
                }
                last.push_str(w);
            }
            lines.join("\n")
        };
        let text = format!(
            "Dock strike halts grain exports\n\nDate: 2024-03-05\n\n{}\n\n{}\n",
            wrap(story),
            wrap(second)
        );
        assert!(text.lines().all(|l| l.len() < 72));
        let ex = extract(&text);
        assert_eq!(ex.title, "Dock strike halts grain exports");
        assert_eq!(ex.paragraphs, vec![story.to_string(), second.to_string()]);
        assert!(ex.dates.published.is_some());
        // A text of long lines (the seed's form) is left as it is.
        assert_eq!(unwrap_lines(PAGE), PAGE);
    }

    #[test]
    fn reads_title_date_body_and_headed_lists() {
        let e = extract(PAGE);
        assert_eq!(e.title, "Storm hits the coast of the island");
        assert_eq!(
            e.dates.published.as_ref().unwrap().date.to_string(),
            "2024-03-05"
        );
        assert_eq!(e.paragraphs.len(), 2);
        assert!(e.paragraphs[0].starts_with("HAVANA (AP)"));
        let headings: Vec<&str> = e.links.iter().map(|l| l.heading.as_str()).collect();
        assert_eq!(headings, ["Related", "Ranking"]);
        assert_eq!(
            e.links[0].items[0].text,
            "Ten celebrity weddings that shocked the whole world"
        );
    }

    #[test]
    fn japanese_lines_are_paragraphs_by_their_characters() {
        let page = "東京の天気\nDate:2024-03-05 10:00:00\n東京都は五日、新しい公園の建設計画を発表した。計画では二十の公園を三年以内に整備する。\n都の担当者は、住民の生活環境が大きく改善されると述べた。予算は五百億円を超える見通しだ。\n";
        let e = extract(page);
        assert_eq!(e.title, "東京の天気");
        assert_eq!(e.paragraphs.len(), 2, "{:?}", e.paragraphs);
    }

    #[test]
    fn a_bulleted_list_inside_the_story_does_not_start_the_lists() {
        let page = "Aid for the arts extended\n\
The state government extended its emergency programme for theatres, orchestras and independent artists on Tuesday, after a month in which most venues stayed closed.\n\
The package covers\n\
- grants for venues that lost their ticket income\n\
- cheaper loans for small festivals and touring companies\n\
- vouchers instead of refunds for tickets already sold\n\
The minister said the programme would run until the end of the year and that a review in the autumn would decide whether it continues, depending on how many venues can reopen safely by then and how much of the money has been claimed.\n\
Related\n\
- Ten celebrity weddings that shocked the whole world\n\
- You will not believe what this actor eats for breakfast\n";
        let e = extract(page);
        let headings: Vec<&str> = e.links.iter().map(|l| l.heading.as_str()).collect();
        assert_eq!(headings, ["Related"]);
        assert!(
            e.paragraphs
                .last()
                .unwrap()
                .starts_with("The minister said"),
            "{:?}",
            e.paragraphs
        );
    }

    #[test]
    fn a_subheading_followed_by_story_text_does_not_start_the_lists() {
        let page = "Storm hits the coast of the island\n\
A powerful storm struck the northern coast of the island on Tuesday, cutting power to thousands of homes and forcing families to leave.\n\
Damage still being counted\n\
Officials said the damage was still being counted and that rescue teams had reached most of the affected towns by the evening.\n\
Schools will stay closed for the rest of the week, the education ministry said in a statement on its website.\n\
Related\n\
- Ten celebrity weddings that shocked the whole world\n\
- You will not believe what this actor eats for breakfast\n";
        let e = extract(page);
        assert_eq!(e.paragraphs.len(), 4, "{:?}", e.paragraphs);
        assert_eq!(e.links.len(), 1);
        assert_eq!(e.links[0].heading, "Related");
    }

    #[test]
    fn widget_lines_after_the_story_are_not_body() {
        let e = extract(PAGE);
        assert!(!e.body().contains("Like (12)"));
    }
}
