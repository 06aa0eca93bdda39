/*
 * condense_names.c - proper names for sentence-casing ALL-CAPS alerts: "QUAKE
 * HITS TAIWAN" should read "Quake hits Taiwan", not "Quake hits taiwan".
 *
 * A gazetteer, not a guess: countries, capitals and cities in the news,
 * regions, US states, days and months, nationalities and religions, and the
 * people, groups and institutions that headlines name by one word. Words
 * that are also common words in headlines ("may", "march", "turkey" is
 * kept: it is the country far more often in news) are left out, since a
 * wrong capital reads worse than a missing one. Multi-word names ("new
 * york", "hong kong") are matched as phrases, so "new" alone stays lower.
 * Both tables are lower case and sorted (strcmp), and searched by halving.
 */
#include <string.h>

#include "condense_internal.h"

static const char *const names[] = {
    "afghan", "afghanistan", "africa", "african", "alabama", "alaska", "albania", "aleppo",
    "algeria", "algiers", "amazon", "america", "american", "americans", "amsterdam",
    "andorra", "angola", "ankara", "antarctica", "apple", "arab", "arabia", "arabs",
    "arctic", "argentina", "argentine", "arizona", "arkansas", "armenia", "armenian",
    "asia", "asian", "assad", "athens", "atlanta", "atlantic", "austin", "australia",
    "australian", "austria", "austrian", "azerbaijan", "baghdad", "bahrain", "bakhmut",
    "baku", "balkans", "baltic", "bangkok", "bangladesh", "barcelona", "beijing", "beirut",
    "belarus", "belarusian", "belfast", "belgian", "belgium", "berlin", "biden",
    "birmingham", "blinken", "boeing", "bogota", "bolivia", "bosnia", "boston", "brazil",
    "brazilian", "brexit", "britain", "british", "brussels", "budapest", "buddhist",
    "bulgaria", "cairo", "california", "cambodia", "cameroon", "canada", "canadian",
    "canberra", "caracas", "cardiff", "caribbean", "catholic", "catholics", "chicago",
    "chile", "chilean", "china", "chinese", "christian", "christians", "christmas",
    "colombia", "colombian", "colorado", "congo", "congress", "connecticut", "copenhagen",
    "crimea", "croatia", "cuba", "cuban", "cyprus", "czech", "damascus", "danish",
    "delaware", "delhi", "denmark", "detroit", "doha", "donbas", "donetsk", "dubai",
    "dublin", "dutch", "easter", "ecuador", "edinburgh", "egypt", "egyptian", "england",
    "english", "erdogan", "estonia", "ethiopia", "ethiopian", "europe", "european",
    "europeans", "facebook", "fiji", "finland", "finnish", "florida", "france", "frankfurt",
    "french", "friday", "fukushima", "gaza", "geneva", "georgia", "georgian", "german",
    "germans", "germany", "ghana", "glasgow", "google", "greece", "greek", "greenland",
    "guatemala", "guinea", "guterres", "haifa", "haiti", "haitian", "hamas", "hanoi",
    "havana", "hawaii", "hezbollah", "himalayas", "hindu", "hiroshima", "hollywood",
    "honduras", "houston", "houthi", "houthis", "hungarian", "hungary", "iceland", "idaho",
    "illinois", "india", "indian", "indiana", "indonesia", "indonesian", "instagram",
    "iowa", "iran", "iranian", "iraq", "iraqi", "ireland", "irish", "islamabad", "islamic",
    "israel", "israeli", "israelis", "istanbul", "italian", "italy", "jakarta", "jamaica",
    "january", "japan", "japanese", "jerusalem", "jewish", "jews", "johannesburg", "jordan",
    "july", "june", "kabul", "kansas", "karachi", "kashmir", "kazakhstan", "kentucky",
    "kenya", "kenyan", "kharkiv", "khartoum", "kherson", "kinshasa", "kremlin", "kurdish",
    "kuwait", "kyiv", "lagos", "laos", "latvia", "lavrov", "lebanese", "lebanon", "liberia",
    "libya", "libyan", "lima", "lisbon", "lithuania", "liverpool", "london", "louisiana",
    "luxembourg", "lviv", "macron", "madrid", "maine", "malaysia", "malaysian", "mali",
    "malta", "manchester", "manila", "mariupol", "maryland", "massachusetts", "mecca",
    "mediterranean", "melbourne", "meloni", "mexican", "mexico", "miami", "michigan",
    "microsoft", "milan", "minnesota", "minsk", "mississippi", "missouri", "modi",
    "mogadishu", "moldova", "monday", "mongolia", "montana", "montenegro", "montreal",
    "moroccan", "morocco", "moscow", "mozambique", "mumbai", "munich", "muslim", "muslims",
    "myanmar", "nairobi", "namibia", "naples", "nato", "nebraska", "nepal", "netanyahu",
    "netflix", "netherlands", "nevada", "nicaragua", "niger", "nigeria", "nigerian",
    "norway", "norwegian", "november", "nvidia", "obama", "october", "odesa", "odessa",
    "ohio", "oklahoma", "olympic", "olympics", "oman", "openai", "orban", "oregon", "osaka",
    "oslo", "ottawa", "oxford", "pacific", "pakistan", "pakistani", "palestine",
    "palestinian", "palestinians", "panama", "paraguay", "paris", "pennsylvania",
    "pentagon", "peru", "peruvian", "philippines", "poland", "polish", "portugal",
    "portuguese", "prague", "putin", "pyongyang", "qatar", "rafah", "ramadan", "ramallah",
    "reuters", "riyadh", "romania", "romanian", "rome", "russia", "russian", "russians",
    "rwanda", "sahara", "sahel", "samsung", "sanaa", "santiago", "saturday", "saudi",
    "scotland", "scottish", "seattle", "senate", "senegal", "seoul", "september", "serbia",
    "serbian", "shanghai", "siberia", "singapore", "slovakia", "slovenia", "somalia",
    "spain", "spanish", "stockholm", "sudan", "sudanese", "sunday", "sweden", "swedish",
    "swiss", "switzerland", "sydney", "syria", "syrian", "taipei", "taiwan", "taiwanese",
    "taliban", "tanzania", "tehran", "tennessee", "tesla", "texas", "thai", "thailand",
    "thursday", "tibet", "tiktok", "tokyo", "toronto", "toyota", "tripoli", "trump",
    "tuesday", "tunisia", "turkey", "turkish", "uganda", "ukraine", "ukrainian",
    "ukrainians", "uruguay", "utah", "uzbekistan", "vancouver", "vatican", "venezuela",
    "venezuelan", "venice", "vermont", "vienna", "vietnam", "vietnamese", "virginia",
    "warsaw", "washington", "wednesday", "wisconsin", "wuhan", "wyoming", "xi", "xinjiang",
    "yemen", "yemeni", "yerevan", "youtube", "zambia", "zelenskiy", "zelensky", "zimbabwe",
    "zurich",
};

static const char *const phrases[] = {
    "abu dhabi", "addis ababa", "black sea", "buenos aires", "cape town", "costa rica",
    "el salvador", "european union", "gulf of mexico", "hong kong", "khan younis",
    "kuala lumpur", "los angeles", "middle east", "new delhi", "new hampshire",
    "new jersey", "new mexico", "new york", "new zealand", "north carolina", "north dakota",
    "north korea", "north korean", "north sea", "red sea", "rhode island", "rio de janeiro",
    "san francisco", "saudi arabia", "sierra leone", "south africa", "south african",
    "south carolina", "south china sea", "south dakota", "south korea", "south korean",
    "south sudan", "sri lanka", "tel aviv", "united kingdom", "united nations",
    "united states", "wall street", "west bank", "west virginia", "white house",
};

/* Lower-cases the letters of the word at s (up to a space or the end) into
   out, without leading and trailing punctuation or a possessive 's; the
   length, 0 when it is not a plain ASCII word that fits. */
static size_t word_key(const char *s, size_t n, char *out, size_t cap)
{
    size_t a = 0, b = 0, k = 0;
    while (b < n && s[b] != ' ')
        b++;
    while (a < b && !((s[a] | 32) >= 'a' && (s[a] | 32) <= 'z'))
        a++;
    if (b - a > 2 && s[b - 2] == '\'' && (s[b - 1] | 32) == 's')
        b -= 2;
    while (b > a && !((s[b - 1] | 32) >= 'a' && (s[b - 1] | 32) <= 'z'))
        b--;
    if (b == a || b - a >= cap)
        return 0;
    for (; a < b; a++) {
        char c = s[a];
        if ((unsigned char)c >= 0x80)
            return 0;
        out[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out[k] = '\0';
    return k;
}

static int in_table(const char *const *table, size_t count, const char *key)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(key, table[mid]);
        if (c == 0)
            return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

size_t condense_name_at(const char *s, size_t n)
{
    char key[64];
    size_t len = 0, words = 0, i = 0, best = 0;

    /* the longest phrase first: up to four words, joined by single spaces */
    while (words < 4 && i < n) {
        char w[32];
        size_t k = word_key(s + i, n - i, w, sizeof w);
        if (!k || len + k + 2 > sizeof key)
            break;
        if (words)
            key[len++] = ' ';
        memcpy(key + len, w, k + 1);
        len += k;
        words++;
        if (words > 1 && in_table(phrases, sizeof phrases / sizeof phrases[0], key))
            best = words;
        while (i < n && s[i] != ' ')
            i++;
        while (i < n && s[i] == ' ')
            i++;
    }
    if (best)
        return best;
    return word_key(s, n, key, sizeof key) && in_table(names, sizeof names / sizeof names[0], key);
}
