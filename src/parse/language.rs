//! The language an article is written in, when its file does not say: trigram identification
//! (whatlang) over the headline and the opening of the body, as an ISO 639-1 code ("de").
//!
//! It decides two things downstream: enrichment runs the English tagger and quote rules only on
//! English text (on German or Russian text they find capitalised nouns as "people" and quote
//! marks as English speech: junk a journalist would have to filter), and the index records the
//! language as a facet (`/lang/de`) so an archive can be counted and filtered by it. An answer is
//! given only when the identifier calls it reliable; otherwise the language stays unknown and the
//! article is treated as English, as every article was before.

/// How much text is looked at: the opening of an article says its language, and a bounded
/// sample keeps the cost per article constant (whatlang is linear in the sample).
const SAMPLE_BYTES: usize = 4096;

/// A sample of this many words (runs of two or more letters) is long enough to take the
/// identifier's reliable answer with the usual function-word evidence (below).
const MIN_WORDS: usize = 40;

/// Shorter samples still get an answer, down to this many words and letters, but only on
/// stronger evidence: a short Finnish or Russian article of 300 characters has 33–39 words (long
/// words), and was left unknown at 40. Below this, a headline alone or a wire table ("Shr 45
/// cts vs 58 cts / Net 1.1 mln vs 829,000", which trigrams call French) is too short to tell,
/// and a wrong "not English" would cost the article its entities.
const MIN_SHORT_WORDS: usize = 25;
const MIN_SHORT_LETTERS: usize = 180;

/// English function words: a sample where at least one word in twenty is one of them is
/// English whatever the trigrams say (a name-heavy English brief can score as another
/// language). Only words that are not also common words of another language written in Latin
/// script: "in" (German, Dutch, Italian), "was" (German), "is" and "of" (Dutch), "on"
/// (French), "to" (Polish), "for" (Danish, Norwegian) and "he" (Finnish) made German news
/// "English" at one word in twenty.
const ENGLISH_FUNCTION_WORDS: [&str; 16] = [
    "the", "and", "that", "with", "said", "his", "from", "have", "were", "which", "this", "but",
    "are", "has", "would", "will",
];

/// The language of an article's text, or None when the text is too short or the identifier is
/// not sure.
pub fn detect(title: &str, body: &str) -> Option<String> {
    let mut sample = String::with_capacity(SAMPLE_BYTES + title.len() + 1);
    sample.push_str(title);
    sample.push('\n');
    let mut end = body.len().min(SAMPLE_BYTES);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    sample.push_str(&body[..end]);
    let words: Vec<&str> = sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().nth(1).is_some())
        .collect();
    let short = words.len() < MIN_WORDS;
    if short {
        let letters: usize = words.iter().map(|w| w.chars().count()).sum();
        if words.len() < MIN_SHORT_WORDS || letters < MIN_SHORT_LETTERS {
            return None;
        }
    }
    let function = words
        .iter()
        .filter(|w| {
            ENGLISH_FUNCTION_WORDS
                .iter()
                .any(|f| w.eq_ignore_ascii_case(f))
        })
        .count();
    if function * 20 >= words.len() {
        return Some("en".to_string());
    }
    let info = whatlang::detect(&sample)?;
    let code = iso_639_1(info.lang());
    if info.script() != whatlang::Script::Latin || code == "en" {
        // Another script is evidence enough once the identifier is sure.
        return info.is_reliable().then(|| code.to_string());
    }
    // Trigrams alone call wire tables and name lists French or Catalan with full confidence,
    // and close languages (Spanish, Portuguese, Galician) can leave them unsure. A Latin-script
    // language is taken only when its own function words are there too: one word in twenty
    // when the identifier is sure (a short sample's words must also be more of its own than
    // of any other listed language's); one word in ten, and more than any other language's,
    // when it is unsure. A language without a list stays unknown.
    let lowered: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let hits = |list: &[&str]| {
        lowered
            .iter()
            .filter(|w| list.contains(&w.as_str()))
            .count()
    };
    let own = hits(FUNCTION_WORDS.iter().find(|(c, _)| *c == code)?.1);
    let leads = || {
        FUNCTION_WORDS
            .iter()
            .filter(|(c, _)| *c != code)
            .all(|(_, list)| hits(list) < own)
    };
    let needed = if info.is_reliable() { 20 } else { 10 };
    if own * needed < words.len() || ((short || !info.is_reliable()) && !leads()) {
        return None;
    }
    Some(code.to_string())
}

/// The commonest function words of the Latin-script languages most often met in news
/// archives besides English (articles, prepositions, conjunctions, the copula).
const FUNCTION_WORDS: [(&str, &[&str]); 15] = [
    (
        "de",
        &[
            "der", "die", "das", "und", "den", "dem", "des", "ist", "nicht", "mit", "sich", "auf",
            "für", "ein", "eine",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "des", "et", "est", "une", "un", "du", "que", "qui", "dans", "pour",
            "pas", "sur",
        ],
    ),
    (
        "es",
        &[
            "el", "la", "los", "las", "de", "que", "en", "por", "con", "una", "del", "para", "es",
            "se", "su",
        ],
    ),
    (
        "it",
        &[
            "il", "la", "di", "che", "e", "per", "un", "una", "del", "della", "non", "sono", "con",
            "gli", "le",
        ],
    ),
    (
        "pt",
        &[
            "o", "a", "os", "as", "de", "que", "do", "da", "em", "um", "uma", "para", "com", "não",
            "dos",
        ],
    ),
    (
        "nl",
        &[
            "de", "het", "een", "en", "van", "is", "dat", "op", "te", "niet", "voor", "met",
            "zijn", "die", "ook",
        ],
    ),
    (
        "sv",
        &[
            "och", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den",
            "inte", "har", "om",
        ],
    ),
    (
        "da",
        &[
            "og", "at", "det", "som", "en", "på", "er", "af", "for", "med", "til", "den", "ikke",
            "har", "de",
        ],
    ),
    (
        "nb",
        &[
            "og", "at", "det", "som", "en", "på", "er", "av", "for", "med", "til", "den", "ikke",
            "har", "de",
        ],
    ),
    (
        "pl",
        &[
            "w", "i", "na", "nie", "się", "że", "do", "jest", "to", "z", "o", "jak", "ale", "po",
            "od",
        ],
    ),
    (
        "tr",
        &[
            "ve", "bir", "bu", "da", "de", "için", "ile", "olarak", "daha", "çok", "gibi", "en",
            "ne", "olan", "kadar",
        ],
    ),
    (
        "id",
        &[
            "yang", "dan", "di", "ini", "itu", "dengan", "untuk", "dari", "dalam", "tidak", "akan",
            "pada", "juga", "ke", "ada",
        ],
    ),
    (
        "ro",
        &[
            "și", "în", "de", "la", "cu", "nu", "pe", "să", "este", "din", "un", "o", "care",
            "pentru", "mai",
        ],
    ),
    (
        "fi",
        &[
            "ja", "on", "ei", "että", "se", "oli", "mutta", "myös", "kun", "joka", "ovat", "tai",
            "hän", "jo", "sen",
        ],
    ),
    (
        "ca",
        &[
            "el", "la", "els", "les", "de", "que", "i", "en", "per", "amb", "una", "del", "és",
            "no", "als",
        ],
    ),
];

/// Whether enrichment's English models apply: the language is English or unknown. Metadata may
/// give a region or another case ("en-GB", "EN").
pub fn is_english(lang: Option<&str>) -> bool {
    lang.is_none_or(|l| {
        let primary = l.split(['-', '_']).next().unwrap_or(l);
        primary.eq_ignore_ascii_case("en") || primary.eq_ignore_ascii_case("eng")
    })
}

/// The two-letter code of each language the identifier knows (ISO 639-1; its own codes are the
/// three-letter ISO 639-3 ones).
fn iso_639_1(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match lang {
        Epo => "eo",
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_in_four_languages_and_text_too_short_to_tell() {
        let en = "The harbour authority said on Tuesday that the new ferry terminal would open \
                  next spring, after two years of delays caused by a shortage of steel. The mayor \
                  told reporters that the city had paid for the work and that the ferries would \
                  run every hour in the summer. Fishermen in the old port said they were worried \
                  about the noise and the traffic on the coast road.";
        let de = "Die Hafenbehörde teilte am Dienstag mit, dass das neue Fährterminal im nächsten \
                  Frühjahr öffnen werde, nach zwei Jahren Verzögerung wegen Stahlmangels. Der \
                  Bürgermeister sagte, die Stadt habe die Arbeiten bezahlt und die Fähren würden \
                  im Sommer jede Stunde fahren. Die Fischer im alten Hafen sind besorgt über den \
                  Lärm und den Verkehr auf der Küstenstraße, der sich nicht verringern wird.";
        let fr =
            "L'autorité portuaire a annoncé mardi que le nouveau terminal des ferries ouvrira \
                  au printemps prochain, après deux ans de retard dus à une pénurie d'acier. Le \
                  maire a déclaré que la ville a payé les travaux et que les ferries partiront \
                  toutes les heures pendant l'été. Les pêcheurs du vieux port sont inquiets pour \
                  le bruit et la circulation sur la route de la côte, qui ne diminuera pas.";
        let ru = "Управление порта заявило во вторник, что новый паромный терминал откроется \
                  следующей весной после двух лет задержек из-за нехватки стали. Мэр сказал \
                  журналистам, что город оплатил работы и что летом паромы будут ходить каждый \
                  час. Рыбаки в старом порту обеспокоены шумом и движением на прибрежной дороге, \
                  которое не уменьшится после открытия терминала в следующем году.";
        assert_eq!(detect("Ferry terminal", en).as_deref(), Some("en"));
        assert_eq!(detect("Fährterminal", de).as_deref(), Some("de"));
        assert_eq!(detect("Terminal des ferries", fr).as_deref(), Some("fr"));
        assert_eq!(detect("Паромный терминал", ru).as_deref(), Some("ru"));
        assert_eq!(detect("Fährterminal", "Es öffnet im Frühjahr."), None);
        // A wire earnings table: trigrams say French; it holds no French function words.
        let table = "Shr profit 45 cts vs loss nine cts\n Net profit 9.8 mln vs loss 1.9 mln\n \
                     Revs 1.1 billion vs 962.3 mln\n Avg shrs 21.9 mln vs 21.7 mln\n "
            .repeat(4);
        assert_eq!(detect("NWA INC 4TH QTR NET", &table), None);
    }

    /// The other three languages: Spanish, Italian and Finnish (Finnish had no
    /// function-word list, so a Finnish article stayed unknown and went through the English
    /// models).
    #[test]
    fn news_in_spanish_italian_and_finnish() {
        let es = "El ayuntamiento de Valencia aprobó el martes un nuevo plan para mejorar el \
                  transporte público en la ciudad. Según el alcalde, los autobuses funcionarán \
                  con más frecuencia durante las horas punta y se abrirán dos nuevas líneas de \
                  tranvía antes del verano. Los vecinos de los barrios del norte, que llevan años \
                  pidiendo mejores conexiones, recibieron la noticia con satisfacción, aunque \
                  algunos comerciantes temen que las obras afecten a sus ventas.";
        let it = "Il comune di Bologna ha presentato ieri un progetto per rinnovare le \
                  biblioteche della città. Secondo l'assessore alla cultura, i lavori \
                  cominceranno in autunno e dureranno circa due anni. Le sale di lettura \
                  resteranno aperte anche la sera, e saranno create nuove aree per i bambini e \
                  per gli studenti. Alcuni cittadini hanno chiesto che il progetto non riduca gli \
                  spazi per i libri, mentre i bibliotecari si sono detti soddisfatti.";
        let fi = "Helsingin kaupunki kertoi tiistaina, että uusi raitiotielinja avataan ensi \
                  syksynä. Hankkeen kustannukset ovat kasvaneet, mutta kaupungin mukaan \
                  aikataulu pitää. Asukkaat ovat toivoneet parempia yhteyksiä jo pitkään, ja \
                  monet heistä käyttävät nyt bussia joka päivä. Liikennejohtaja sanoi, että linja \
                  vähentää autoliikennettä keskustassa. Hän lisäsi, että myös pyöräteitä \
                  parannetaan samaan aikaan, kun raitiotietä rakennetaan.";
        assert_eq!(detect("Transporte público", es).as_deref(), Some("es"));
        assert_eq!(detect("Biblioteche", it).as_deref(), Some("it"));
        assert_eq!(detect("Raitiotie", fi).as_deref(), Some("fi"));
    }

    /// The target: at least 98% of articles of 300 characters or more identified, in
    /// each of its seven languages. `fixtures/languages/` holds 21 news articles per language
    /// written for this project, headline on the first line, `===` between articles: sixteen
    /// (twelve of 400–550 characters, four of 300–340, where a sample has the fewest words)
    /// that the short-sample and close-language rules above were made on, then five written
    /// afterwards as a check (results, opinion, quotes). "Unknown" counts as a miss, English
    /// included.
    #[test]
    fn seven_languages_identified_at_98_percent() {
        let sets = [
            ("en", include_str!("../../fixtures/languages/en.txt")),
            ("de", include_str!("../../fixtures/languages/de.txt")),
            ("fr", include_str!("../../fixtures/languages/fr.txt")),
            ("es", include_str!("../../fixtures/languages/es.txt")),
            ("it", include_str!("../../fixtures/languages/it.txt")),
            ("ru", include_str!("../../fixtures/languages/ru.txt")),
            ("fi", include_str!("../../fixtures/languages/fi.txt")),
        ];
        let (mut total, mut misses) = (0, Vec::new());
        for (code, text) in sets {
            for article in text.split("\n===\n") {
                let (title, body) = article
                    .trim()
                    .split_once('\n')
                    .expect("headline, then body");
                assert!(
                    article.trim().chars().count() >= 300,
                    "{code}: {title} is short"
                );
                total += 1;
                let got = detect(title, body);
                if got.as_deref() != Some(code) {
                    misses.push(format!("{code} {title:?} -> {got:?}"));
                }
            }
        }
        assert_eq!(total, 147);
        // At most 2 misses in 147 (98.6%).
        assert!(
            misses.len() * 50 <= total,
            "{} of {total} missed: {misses:#?}",
            misses.len()
        );
    }

    #[test]
    fn unknown_and_regional_english_count_as_english() {
        for lang in [None, Some("en"), Some("en-GB"), Some("EN"), Some("eng")] {
            assert!(is_english(lang), "{lang:?}");
        }
        for lang in [Some("de"), Some("ru-RU"), Some("fr")] {
            assert!(!is_english(lang), "{lang:?}");
        }
    }

    #[test]
    fn a_long_body_is_sampled_at_a_character_boundary() {
        let body = "ü".repeat(10_000);
        // Whatever the answer, no panic on a multi-byte boundary at the sample's end.
        let _ = detect("", &body);
    }
}
