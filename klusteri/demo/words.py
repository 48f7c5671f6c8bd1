"""Word lists for fictional demo data: people's names, organisation names and the
vocabularies that the scale generator draws its texts from.

All combinations are invented. Names that belong to real, well-known companies,
clusters or people (and the people named in the event report) are left out.
"""


def split(text: str) -> list[str]:
    return text.split()


# People -------------------------------------------------------------------------------

FIRST_NAMES = {
    "fi": split(
        "Aino Anni Eero Elina Hanna Heikki Ilkka Jaana Janne Juha Jukka Kaisa Kalle Katja "
        "Laura Lauri Liisa Markus Merja Mikko Minna Niina Olli Outi Pekka Päivi Riikka Sami "
        "Satu Teemu Tiina Tuomas Ulla Ville Veera Noora Arttu Emilia"
    ),
    "sv": split(
        "Anna Axel Birgitta Carl Emma Erik Frida Gustav Hanna Ingrid Karin Lars Linnea "
        "Magnus Maria Mats Nils Oskar Sara Sofia Stefan Ulrika Viktor Åsa Per Elin Henrik"
    ),
    "nb": split(
        "Anders Astrid Bjørn Eirik Hilde Ingrid Kari Knut Marit Ragnhild Sigrid Sindre "
        "Solveig Tor Trond Vegard Åse Håkon Silje"
    ),
    "da": split(
        "Anne Mette Rasmus Søren Lene Jens Kirsten Mads Camilla Henrik Louise Morten Pia "
        "Thomas Ida Frederik"
    ),
    "is": split("Anna Arnar Guðrún Helga Katrín Sigríður Stefán Þóra Einar Birna"),
    "fo": split("Jógvan Sunneva Rógvi Turið Hanus Bára Eyðun Marjun"),
    "kl": split("Aviaja Malik Naja Inuk Pipaluk Hans Nivi Aqqalu"),
}

LAST_NAMES = {
    "fi": split(
        "Aaltonen Halonen Heikkilä Hiltunen Hirvonen Honkanen Jokinen Kallio Karjalainen "
        "Kettunen Koivisto Korpela Kurki Lahtinen Lehto Leinonen Manninen Miettinen Nurmi "
        "Peltonen Rantanen Saarinen Salminen Tuominen Turunen Vainio Väisänen Ylinen Rautio "
        "Niskanen Pesonen Kinnunen Huttunen Rantavaara Hietamäki Kuusiluoto"
    ),
    "sv": split(
        "Andersson Berg Björklund Dahl Ek Forsberg Holm Hedlund Lindberg Lindholm Lund "
        "Nordström Nyberg Öberg Sjöberg Strand Wikström Åberg Engström Granqvist Sundqvist "
        "Westerlund"
    ),
    "nb": split(
        "Aasen Bakke Berge Dahle Eide Haugen Hovland Lie Moen Nilsen Solberg Strand Sæther "
        "Tveit Vik Ødegård"
    ),
    "da": split(
        "Andersen Christensen Frandsen Holm Jensen Kjær Lund Madsen Møller Nielsen Poulsen "
        "Rasmussen Skov Thomsen Vestergaard"
    ),
    "is": split("Jónsdóttir Sigurðsson Einarsdóttir Magnússon Helgason Ólafsdóttir Björnsson"),
    "fo": split("Joensen Hansen Jacobsen Olsen Poulsen Petersen Dahl"),
    "kl": split("Berthelsen Petersen Olsen Lyberth Kristiansen Mathæussen"),
}

# The language an organisation or person of a country is named in.
COUNTRY_LANGUAGE = {
    "FI": "fi",
    "AX": "sv",
    "SE": "sv",
    "NO": "nb",
    "DK": "da",
    "IS": "is",
    "FO": "fo",
    "GL": "kl",
}

# Organisations ------------------------------------------------------------------------

# Finnish place-like words in the genitive: "Rannikon Koneistus Oy".
FI_PLACES = split(
    "Rannikon Pohjolan Järviseudun Kairan Lakeuden Saariston Kankaan Vaaran Harjun Niemen "
    "Salmen Kosken Kallion Aallon Tunturin Jokivarren Sydänmaan Peltolan Ylänteen Suvannon "
    "Länsirannikon Itärajan Kivikon Hiekkarannan Metsolan Honkamäen Koivulan Kuusikon Lehdon "
    "Mäntylän Rantalan Selänteen Sammalen Tuulensuun Revontulen Kaakon Lounaan Vuorelan "
    "Laakson Kaislikon Kalliorannan Ahonperän Sydänkylän Merenrannan"
)

FI_BRANDS = split(
    "Kuura Routa Havu Kide Lumo Tuisku Viima Ahjo Paju Kaski Virta Halla Kajo Sarastus "
    "Huurre Kaiku Lieska Tyrsky Kelo Hirsi Ilves Sointu Tähkä Vilja Kumpu Hohde Arina Taiga "
    "Aapa Jänkä Kuohu Pärske Usva Hanki Norppa Saukko Kontio Louhi Kipinä Kelkka"
)

SV_PLACES = split(
    "Norrvik Österås Björkvall Ekbacka Granskog Hällnäs Kvarnby Lövsta Myrviken Råbacka "
    "Sjöberga Tallmo Vedtorp Älvsta Åsmark Ängsvik Bergslund Fjällvik Strandby Lindmo "
    "Havsudden Stenbacka Solvik Furuhed Videsund Kärrbacka Ormvik Bäckby"
)

NB_PLACES = split(
    "Nordvik Fjordheim Havbakken Skogli Berglia Strandvik Elvebakk Lyngmo Furuvik Sjøholt "
    "Bjørkli Steinvik Myrbakk Havnes Lienes Vågsnes Fjellstad Åsheim Granli Kvernvik"
)

DA_PLACES = split(
    "Sønderhav Bøgeskov Engholm Fjordlund Havgaard Kløvermark Mosegaard Rødkilde Skovbakke "
    "Strandgaard Vesterå Lyngholt Egelund Hedegaard Søndermose Nørrevang Bakkegaard Klitgaard"
)

IS_PLACES = split(
    "Hafbrún Jökulvík Hraunvangur Vatnsvík Straumnes Fjarðarás Heiðarlind Sæljós Bjarkarás "
    "Lækjarbotn Hólmavík"
)

FO_PLACES = split("Havbrún Sjóvarnes Klettvík Norðurnes Fjarðarbø Heygsvík Áarnes Stórabrekka")

KL_PLACES = split("Siku Aput Qilak Nanoq Kangerlu Imaq Sermeq Nuna Qajaq Umiaq")

PLACES = {
    "fi": FI_PLACES,
    "sv": SV_PLACES,
    "nb": NB_PLACES,
    "da": DA_PLACES,
    "is": IS_PLACES,
    "fo": FO_PLACES,
    "kl": KL_PLACES,
}

# Trade words that fit any member, then the ones that fit an EU ecosystem.
GENERAL_TRADES = {
    "fi": split(
        "Koneistus Metallityö Konepaja Hitsaus Teräsrakenne Sähkö Automaatio Rakennus "
        "Kuljetus Ohjelmisto Konsultointi Mittaus Muovi Pakkaus Tekniikka Suunnittelu "
        "Valimo Laser Huolto Kone"
    ),
    "sv": split(
        "Mekaniska Verkstad Bygg Elteknik Automation Data Logistik Transport Konsult Analys "
        "Teknik Plast Förpackning Svets"
    ),
    "nb": split(
        "Mekaniske Verksted Bygg Elektro Automasjon Data Logistikk Transport Rådgivning "
        "Teknologi Sveis"
    ),
    "da": split(
        "Maskinfabrik Værksted Byg El-teknik Automation Data Logistik Transport Rådgivning "
        "Teknik Svejs"
    ),
    "is": split("Tækni Verkfræði Hugbúnaður Flutningar Smiðja"),
    "fo": split("Tøkni Smiðja Flutningur Ráðgeving"),
    "kl": split("Service Logistik Byg Teknik"),
}

ECOSYSTEM_TRADES = {
    "aerospace-defence": {
        "fi": ["Ilmailutekniikka", "Satelliitti", "Komposiitti", "Lennokki"],
        "sv": ["Flygteknik", "Rymdteknik", "Komposit"],
        "nb": ["Luftfart", "Romteknologi", "Kompositt"],
        "da": ["Luftfart", "Rumteknologi", "Komposit"],
    },
    "agri-food": {
        "fi": ["Elintarvike", "Leipomo", "Mylly", "Meijeri", "Puutarha", "Marja", "Luomu"],
        "sv": ["Livsmedel", "Bageri", "Kvarn", "Mejeri", "Trädgård", "Bär"],
        "nb": ["Sjømat", "Næringsmiddel", "Bakeri", "Meieri", "Havbruk"],
        "da": ["Fødevarer", "Bageri", "Mejeri", "Frugtavl", "Akvakultur"],
        "is": ["Fiskvinnsla", "Sjávarafurðir", "Mjólkurvinnsla"],
        "fo": ["Fisk", "Alivinnu"],
        "kl": ["Fiskeri", "Rejer"],
    },
    "construction": {
        "fi": ["Rakennus", "Elementti", "Betoni", "Puutalo", "Kattotyö", "Infra"],
        "sv": ["Bygg", "Betong", "Trähus", "Anläggning"],
        "nb": ["Bygg", "Betong", "Trehus", "Anlegg"],
        "da": ["Byg", "Beton", "Træhuse", "Anlæg"],
        "kl": ["Byg", "Anlæg"],
    },
    "cultural-creative": {
        "fi": ["Design", "Media", "Studio", "Pelit", "Äänituotanto", "Muotoilu"],
        "sv": ["Design", "Media", "Studio", "Spel"],
        "nb": ["Design", "Media", "Studio", "Spill"],
        "da": ["Design", "Medier", "Studie", "Spil"],
    },
    "digital": {
        "fi": ["Ohjelmisto", "Data", "Pilvipalvelu", "Analytiikka", "Koodi", "Digi"],
        "sv": ["Data", "Mjukvara", "Analys", "Moln"],
        "nb": ["Data", "Programvare", "Analyse", "Sky"],
        "da": ["Data", "Software", "Analyse", "Cloud"],
        "is": ["Hugbúnaður", "Gagnaver"],
    },
    "electronics": {
        "fi": ["Elektroniikka", "Sensori", "Piiri", "Mittaustekniikka", "Optiikka"],
        "sv": ["Elektronik", "Sensor", "Optik", "Mätteknik"],
        "nb": ["Elektronikk", "Sensor", "Optikk"],
        "da": ["Elektronik", "Sensor", "Optik"],
    },
    "energy-intensive": {
        "fi": ["Kemia", "Metalli", "Paperi", "Prosessitekniikka", "Kuitu", "Teräs"],
        "sv": ["Kemi", "Metall", "Pappersteknik", "Processteknik", "Stål"],
        "nb": ["Kjemi", "Metall", "Prosess", "Smelteverk"],
        "da": ["Kemi", "Metal", "Procesteknik", "Cement"],
        "is": ["Málmvinnsla", "Kísill"],
        "kl": ["Mineral", "Råstof"],
    },
    "renewable-energy": {
        "fi": ["Energia", "Tuulipalvelu", "Aurinkosähkö", "Lämpö", "Bioenergia", "Vety"],
        "sv": ["Energi", "Vindservice", "Solel", "Värme", "Vätgas"],
        "nb": ["Energi", "Vindservice", "Solkraft", "Hydrogen"],
        "da": ["Energi", "Vindservice", "Solenergi", "Brint"],
        "is": ["Orka", "Jarðvarmi"],
        "fo": ["Orka", "Vindorka"],
    },
    "health": {
        "fi": ["Terveys", "Lääkintätekniikka", "Diagnostiikka", "Hyvinvointi", "Biotiede"],
        "sv": ["Hälsa", "Medicinteknik", "Diagnostik", "Life Science"],
        "nb": ["Helse", "Medisinsk", "Diagnostikk"],
        "da": ["Sundhed", "Medico", "Diagnostik"],
    },
    "mobility-transport-automotive": {
        "fi": ["Kuljetus", "Logistiikka", "Ajoneuvotekniikka", "Satamapalvelu", "Telakka"],
        "sv": ["Transport", "Logistik", "Fordonsteknik", "Varv"],
        "nb": ["Marin", "Verft", "Logistikk", "Shipping"],
        "da": ["Transport", "Logistik", "Værft", "Shipping"],
        "fo": ["Skipasmiðja", "Sigling"],
        "kl": ["Logistik", "Shipping"],
    },
    "proximity-social-economy": {
        "fi": ["Hoivapalvelu", "Kotipalvelu", "Kyläpalvelu", "Palvelu"],
        "sv": ["Omsorg", "Service", "Bygdeservice"],
        "nb": ["Omsorg", "Service", "Bygdeservice"],
        "da": ["Omsorg", "Service", "Lokalservice"],
        "kl": ["Service"],
    },
    "retail": {
        "fi": ["Kauppa", "Verkkokauppa", "Tukku", "Kauppapalvelu"],
        "sv": ["Handel", "E-handel", "Grossist"],
        "nb": ["Handel", "Netthandel", "Engros"],
        "da": ["Handel", "Webshop", "Engros"],
    },
    "textiles": {
        "fi": ["Tekstiili", "Neulos", "Vaatetus", "Kuitu"],
        "sv": ["Textil", "Konfektion", "Fiber"],
        "nb": ["Tekstil", "Ull", "Fiber"],
        "da": ["Tekstil", "Mode", "Fiber"],
    },
    "tourism": {
        "fi": ["Matkailu", "Elämys", "Safarit", "Majoitus", "Luontomatkailu"],
        "sv": ["Turism", "Upplevelser", "Fjällturism", "Logi"],
        "nb": ["Reiseliv", "Opplevelser", "Fjordturisme"],
        "da": ["Turisme", "Oplevelser", "Kystferie"],
        "is": ["Ferðaþjónusta", "Ævintýraferðir"],
        "fo": ["Ferðavinna"],
        "kl": ["Turisme", "Ekspeditioner"],
    },
}

# Company name endings (legal forms) by language, most common first.
COMPANY_SUFFIXES = {
    "fi": ["Oy", "Oy", "Oy", "Oy", "Ky", "Oy Ab"],
    "sv": ["AB", "AB", "AB", "HB"],
    "fi-sv": ["Ab", "Ab", "Oy Ab"],  # Finland-Swedish companies
    "nb": ["AS", "AS", "AS", "ANS"],
    "da": ["ApS", "A/S", "ApS", "I/S"],
    "is": ["ehf.", "ehf.", "hf."],
    "fo": ["P/F", "Sp/f"],
    "kl": ["A/S", "ApS"],
}

# Institutions: templates with {place} from PLACES (already genitive in Finnish) and
# {place_gen}, its Swedish genitive ("Norrviks").
INSTITUTIONS = {
    "university": {
        "fi": ["{place} yliopisto", "{place} teknillinen yliopisto"],
        "sv": ["Universitetet i {place}", "{place_gen} tekniska högskola"],
        "nb": ["Universitetet i {place}", "{place} teknologiske universitet"],
        "da": ["{place} Universitet", "{place} Tekniske Universitet"],
        "is": ["Háskólinn í {place}"],
        "fo": ["Fróðskaparsetrið í {place}"],
        "kl": ["{place} Universitet"],
    },
    "uas": {
        "fi": ["{place} ammattikorkeakoulu"],
        "sv": ["Yrkeshögskolan {place}"],
        "nb": ["{place} fagskole"],
        "da": ["Erhvervsakademi {place}"],
        "is": ["Tækniskólinn {place}"],
        "fo": ["Tekniski skúlin {place}"],
        "kl": ["Erhvervsskole {place}"],
    },
    "research": {
        "fi": [
            "{place} tutkimuskeskus",
            "{place} materiaalitutkimuslaitos",
            "{place} energiatutkimuskeskus",
            "{place} elintarviketutkimus",
        ],
        "sv": ["{place_gen} forskningsinstitut", "Forskningscentrum {place}"],
        "nb": ["{place} forskningssenter", "{place} forskningsinstitutt"],
        "da": ["{place} Forskningscenter", "Teknologisk Center {place}"],
        "is": ["Rannsóknasetur {place}"],
        "fo": ["Granskingarstovan {place}"],
        "kl": ["Forskningscenter {place}"],
    },
    "public": {
        "fi": ["{place} Kehitys Oy", "{place} elinkeinoyhtiö", "{place} yrityspalvelut"],
        "sv": ["{place_gen} Näringsliv AB", "Utvecklingsbolaget {place}"],
        "nb": ["{place} Næringsutvikling AS", "Næringsselskapet {place}"],
        "da": ["Erhvervsforum {place}", "{place} Udvikling"],
        "is": ["Atvinnuþróun {place}"],
        "fo": ["Vinnuframi {place}"],
        "kl": ["Erhvervsudvikling {place}"],
    },
    "financier": {
        "fi": ["{place} Kasvurahasto Oy", "{place} Pääoma Oy"],
        "sv": ["{place} Riskkapital AB", "{place} Invest AB"],
        "nb": ["{place} Invest AS", "{place} Kapital AS"],
        "da": ["{place} Kapital A/S", "{place} Invest ApS"],
        "is": ["{place} Fjárfesting hf."],
        "fo": ["{place} Íløgur P/F"],
        "kl": ["{place} Kapital A/S"],
    },
    "association": {
        "fi": [
            "{place} Yrittäjät ry",
            "{place} teollisuusyhdistys ry",
            "{place} kehittämisyhdistys ry",
        ],
        "sv": ["{place_gen} Företagarförening", "Näringslivsföreningen {place}"],
        "nb": ["{place} Næringsforening", "{place} Industriforum"],
        "da": ["{place} Erhvervsforening", "{place} Industriforening"],
        "is": ["Atvinnurekendafélag {place}"],
        "fo": ["Vinnufelagið {place}"],
        "kl": ["{place} Erhvervsforening"],
    },
    "other": {
        "fi": ["{place} osuuskunta", "{place} kyläyhdistys ry"],
        "sv": ["{place_gen} andelslag", "Byalaget {place}"],
        "nb": ["{place} samvirkelag"],
        "da": ["{place} Andelsselskab"],
        "is": ["Samvinnufélag {place}"],
        "fo": ["Andelsfelagið {place}"],
        "kl": ["{place} Andelsselskab"],
    },
}

# Scale texts --------------------------------------------------------------------------
# Real words, most frequent first: common words open each list, then subject words.
# The scale generator shuffles the subject words (deterministically) and draws from the
# whole list with Zipf-like weights, so a few words occur almost everywhere and most
# occur in a small share of the texts.

SCALE_COMMON = {
    "fi": split(
        "ja on sekä myös joka jotka ovat että alueen yritysten kanssa uusia yhdessä "
        "kehittää jäsenet yritykset toiminta klusteri tavoitteena innovaatio"
    ),
    "sv": split(
        "och är som med för att av till i på regionens företag nya tillsammans utvecklar "
        "medlemmarna klustret verksamheten målet innovation"
    ),
    "en": split(
        "and the of to in for with new companies together develop members cluster region "
        "work aim that innovation"
    ),
}

SCALE_SUBJECT = {
    "fi": split(
        "vety vedyn vetyä vetytalous vetytalouden energia energian energiaa uusiutuvan "
        "uusiutuva tuulivoima tuulivoiman aurinkoenergia aurinkoenergian sähkö sähkön "
        "sähköverkko sähköverkot lämpö lämmön akku akkujen akkuteknologia akkuteknologian "
        "kierrätys kierrätyksen kiertotalous kiertotalouden biotalous biotalouden metsä metsien "
        "metsät metsäteollisuus metsäteollisuuden puu puun puurakentaminen puurakentamisen "
        "kuitu kuitujen materiaali materiaalit materiaalien kemia kemian kemianteollisuus "
        "teräs teräksen metalli metallien kaivos kaivosten mineraali mineraalien malmi "
        "rikastus tekoäly tekoälyn koneoppiminen data datan ohjelmisto ohjelmistot "
        "ohjelmistojen pilvipalvelu pilvipalvelut kyberturvallisuus kyberturvallisuuden "
        "tietoturva verkko verkot langaton langattoman kvantti kvanttiteknologia fotoniikka "
        "laser sensori sensorit anturi elektroniikka elektroniikan puolijohde puolijohteet "
        "robotiikka robotiikan automaatio automaation kone koneet koneiden valmistus "
        "valmistava teollisuus teollisuuden tuotanto tuotannon tuottavuus laatu "
        "kunnossapito huolto logistiikka logistiikan kuljetus kuljetukset satama satamat "
        "meriteollisuus laivanrakennus telakka liikenne liikenteen sähköinen ajoneuvo "
        "ajoneuvot työkone työkoneet rautatie lentokone ilmailu ilmailun avaruus satelliitti "
        "puolustus turvallisuus terveys terveyden terveysteknologia lääke lääkkeet "
        "lääkekehitys diagnostiikka sairaala hoito hyvinvointi hyvinvoinnin hoiva "
        "palvelut palvelujen palvelu ruoka ruoan elintarvike elintarvikkeet elintarviketeollisuus "
        "maatalous maatalouden maatila pelto vilja marja marjat kala kalatalous vesiviljely "
        "vesi veden vesihuolto vesistöt järvi järvien meri meren rannikko saaristo "
        "matkailu matkailun matkailijat elämys elämykset luonto luonnon kulttuuri "
        "kulttuurin muotoilu muotoilun design pelit pelialan media luovat taide musiikki "
        "kauppa kaupan verkkokauppa myymälä kuluttajat asiakkaat asiakas tekstiili "
        "tekstiilit vaatteet vaatetus rakentaminen rakentamisen rakennus rakennukset "
        "betoni korjausrakentaminen kaupunki kaupungit kunta kunnat maakunta maaseutu "
        "kylä kylät asukkaat yhteisö yhteiskunnallinen osuuskunta järjestö järjestöt "
        "tutkimus tutkimuksen tutkijat yliopisto yliopistot ammattikorkeakoulu koulutus "
        "osaaminen osaamisen osaajat innovaatio innovaatiot innovaatioiden kehitys "
        "kehityksen tuotekehitys pilotti pilotointi testaus testiympäristö demonstraatio "
        "hanke hankkeet hankkeiden rahoitus rahoituksen investointi investoinnit vienti "
        "viennin kansainvälistyminen kansainvälinen eurooppalainen pohjoismainen verkosto "
        "verkoston verkostot yhteistyö yhteistyön kumppanit kumppanuus arvoketju arvoketjun "
        "toimitusketju alihankinta pk-yritykset startup kasvu kasvun kilpailukyky "
        "vastuullisuus kestävä kestävän ilmasto ilmaston päästöt päästöjen hiilineutraali "
        "hiili hiilidioksidi talteenotto sivuvirrat jäte jätteet biokaasu bioenergia "
        "pelletti turve arktinen talvi kylmä pohjoinen lappi digitalisaatio digitaalinen "
        "alusta alustat ekosysteemi ekosysteemin strategia tulevaisuus mahdollisuudet "
        "haasteet ratkaisut ratkaisuja tuotteet tuotteita teknologia teknologian "
        "teknologiat työllisyys työvoima rekrytointi edunvalvonta viestintä tapahtumat "
        "koulutukset mentorointi neuvonta"
    ),
    "sv": split(
        "vätgas vätgasen vätgasekonomi energi energin förnybar förnybara vindkraft "
        "vindkraften solenergi el elen elnät värme batteri batterier batteriteknik "
        "återvinning cirkulär ekonomi bioekonomi bioekonomin skog skogen skogarna "
        "skogsindustri skogsindustrin trä träbyggande fiber fibrer material materialen kemi "
        "kemiindustrin stål stålet metall metaller gruva gruvor gruvindustri mineral "
        "malm anrikning artificiell intelligens maskininlärning data programvara "
        "molntjänster cybersäkerhet informationssäkerhet nät nätverk trådlös kvantteknik "
        "fotonik laser sensor sensorer elektronik halvledare robotik automation maskin "
        "maskiner tillverkning tillverkningsindustri industri industrin produktion "
        "produktionen produktivitet kvalitet underhåll service logistik logistiken "
        "transport transporter hamn hamnar marin varv trafik fordon fordonen arbetsmaskiner "
        "järnväg flyg rymd satellit försvar säkerhet hälsa hälsoteknik läkemedel "
        "läkemedelsutveckling diagnostik sjukhus vård välfärd omsorg tjänster tjänsterna "
        "mat livsmedel livsmedelsindustri jordbruk jordbruket gård åker spannmål bär fisk "
        "fiske vattenbruk vatten vattnet vattenrening sjö sjöar hav havet kust skärgård "
        "turism turismen resenärer upplevelser natur naturen kultur kulturen design "
        "spel media kreativa konst musik handel handeln e-handel butik butiker "
        "konsumenter kunder kund textil textilier kläder byggande byggandet byggnad "
        "byggnader betong renovering stad städer kommun kommuner landskap landsbygd by "
        "byar invånare samhälle socialt kooperativ förening föreningar forskning "
        "forskningen forskare universitet högskola utbildning kompetens kunnande "
        "innovation innovationer utveckling utvecklingen produktutveckling pilot testning "
        "testmiljö demonstration projekt projekten finansiering investering investeringar "
        "export internationalisering internationell europeisk nordisk nordiska samarbete "
        "samarbetet partner partnerskap värdekedja leveranskedja underleverantörer "
        "småföretag tillväxt konkurrenskraft hållbarhet hållbar klimat utsläpp "
        "klimatneutral koldioxid avskiljning sidoströmmar avfall biogas bioenergi arktisk "
        "vinter kall norra digitalisering digital plattform plattformar ekosystem strategi "
        "framtid möjligheter utmaningar lösningar produkter teknik tekniken sysselsättning "
        "arbetskraft rekrytering intressebevakning kommunikation evenemang utbildningar "
        "mentorskap rådgivning"
    ),
    "en": split(
        "hydrogen energy renewable wind solar power electricity grid grids heat battery "
        "batteries recycling circular economy bioeconomy forest forests forestry wood "
        "timber fibre fibres materials chemistry chemical steel metal metals mining mines "
        "minerals ore processing artificial intelligence machine learning data software "
        "cloud cybersecurity security network networks wireless quantum photonics laser "
        "sensor sensors electronics semiconductors robotics automation machinery machines "
        "manufacturing industry industrial production productivity quality maintenance "
        "service services logistics transport shipping port ports marine shipbuilding "
        "traffic vehicle vehicles railway aviation aerospace space satellite defence health "
        "healthcare medical pharmaceutical drug diagnostics hospital care welfare wellbeing "
        "food agriculture farming farm farms cereals berries fish fisheries aquaculture "
        "water lakes sea seas coast coastal archipelago tourism travellers experiences "
        "nature culture cultural design games media creative arts music retail shops "
        "online consumers customers customer textile textiles clothing construction "
        "building buildings concrete renovation city cities municipality municipalities "
        "rural village villages residents community social cooperative association "
        "research researchers university universities college education skills "
        "expertise innovation innovations development product pilot pilots testing "
        "demonstration project projects funding finance investment investments export "
        "exports internationalisation international european nordic cooperation "
        "partners partnership value chain supply subcontractors smes startups growth "
        "competitiveness sustainability sustainable climate emissions carbon neutral "
        "capture side streams waste biogas bioenergy arctic winter cold northern "
        "digitalisation digital platform platforms ecosystem strategy future "
        "opportunities challenges solutions products technology technologies employment "
        "workforce recruitment advocacy communication events training mentoring advice"
    ),
}
