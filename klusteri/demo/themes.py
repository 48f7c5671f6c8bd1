"""Sentence banks and places for the fictional demo clusters.

Every sentence exists in Finnish, Swedish and English with the same meaning, so a
cluster's three descriptions say the same thing. Sentences are written out in full,
with real inflected forms ("vedyn tuotanto", "vetytalouden", "skogarna", "vätgasen"),
instead of being glued together from words: search is tested on them.

Placeholders, filled in per language by ``klusteri.demo.clusters``:
``{S}``/``{s}`` the cluster as a subject ("Klusteri", "Klustret", "The cluster"),
``{Sg}`` its genitive ("Klusterin", "Klustrets", "The cluster's").
"""

from klusteri.clusters.models import Tag

TECH = Tag.Kind.TECHNOLOGY
CHAIN = Tag.Kind.VALUE_CHAIN

# slug: (kind, fi, sv, en, sentence fi, sentence sv, sentence en)
TAGS: dict[str, tuple[str, str, str, str, str, str, str]] = {
    "hydrogen": (
        TECH,
        "vety",
        "vätgas",
        "hydrogen",
        "Vedyn tuotanto, varastointi ja kuljetus ovat keskeisiä kehityskohteita, ja jäsenet "
        "suunnittelevat yhdessä uusia elektrolyysilaitoksia.",
        "Produktion, lagring och transport av vätgas är centrala utvecklingsområden, och "
        "medlemmarna planerar nya elektrolysanläggningar tillsammans.",
        "Hydrogen production, storage and transport are central development areas, and members "
        "plan new electrolysis plants together.",
    ),
    "hydrogen-economy": (
        CHAIN,
        "vetytalous",
        "vätgasekonomi",
        "hydrogen economy",
        "Tavoitteena on rakentaa alueelle vetytalouden arvoketju, jossa vedyn tuotanto ja käyttö "
        "teollisuudessa kytkeytyvät toisiinsa.",
        "Målet är att bygga upp en vätgasekonomi i regionen, där vätgasen produceras och används "
        "i industrin på samma ort.",
        "The goal is to build a regional hydrogen economy value chain in which hydrogen "
        "production and its industrial use are linked.",
    ),
    "battery-technology": (
        TECH,
        "akkuteknologia",
        "batteriteknik",
        "battery technology",
        "Akkuteknologian osaaminen ulottuu akkumateriaaleista kennoihin ja akkujärjestelmien "
        "ohjaukseen.",
        "Kunnandet inom batteriteknik sträcker sig från batterimaterial till celler och styrning "
        "av batterisystem.",
        "Expertise in battery technology spans from battery materials to cells and the control "
        "of battery systems.",
    ),
    "battery-recycling": (
        CHAIN,
        "akkujen kierrätys",
        "batteriåtervinning",
        "battery recycling",
        "Käytettyjen akkujen keräys ja kierrätys palauttavat arvokkaat metallit, kuten litiumin, "
        "nikkelin ja koboltin, takaisin tuotantoon.",
        "Insamling och återvinning av använda batterier för tillbaka värdefulla metaller som "
        "litium, nickel och kobolt till produktionen.",
        "Collecting and recycling used batteries returns valuable metals such as lithium, nickel "
        "and cobalt to production.",
    ),
    "bioeconomy": (
        CHAIN,
        "biotalous",
        "bioekonomi",
        "bioeconomy",
        "Biotalouden yritykset jalostavat metsien, peltojen ja vesien uusiutuvia raaka-aineita "
        "korkeamman arvon tuotteiksi.",
        "Företagen inom bioekonomin förädlar förnybara råvaror från skogarna, åkrarna och vattnen "
        "till produkter med högre värde.",
        "Bioeconomy companies turn renewable raw materials from forests, fields and waters into "
        "higher-value products.",
    ),
    "forest-industry": (
        CHAIN,
        "metsäteollisuus",
        "skogsindustri",
        "forest industry",
        "Metsäteollisuuden yritykset kehittävät uusia puupohjaisia tuotteita, ja metsien kestävä "
        "käyttö on kaiken toiminnan perusta.",
        "Skogsindustrins företag utvecklar nya träbaserade produkter, och ett hållbart bruk av "
        "skogarna är grunden för verksamheten.",
        "Forest industry companies develop new wood-based products, and the sustainable use of "
        "forests underpins all their work.",
    ),
    "artificial-intelligence": (
        TECH,
        "tekoäly",
        "artificiell intelligens",
        "artificial intelligence",
        "Tekoälyn ja koneoppimisen sovellukset auttavat jäseniä ennustamaan kysyntää, ohjaamaan "
        "prosesseja ja parantamaan laatua.",
        "Tillämpningar av artificiell intelligens och maskininlärning hjälper medlemmarna att "
        "förutse efterfrågan, styra processer och förbättra kvaliteten.",
        "Applications of artificial intelligence and machine learning help members forecast "
        "demand, steer processes and improve quality.",
    ),
    "circular-economy": (
        CHAIN,
        "kiertotalous",
        "cirkulär ekonomi",
        "circular economy",
        "Kiertotalouden ratkaisut, kuten sivuvirtojen hyödyntäminen ja materiaalien "
        "uudelleenkäyttö, vähentävät jätettä ja luovat uutta liiketoimintaa.",
        "Lösningar för cirkulär ekonomi, som att ta till vara sidoströmmar och återanvända "
        "material, minskar avfallet och skapar nya affärer.",
        "Circular economy solutions such as using side streams and reusing materials reduce "
        "waste and create new business.",
    ),
    "wind-power": (
        TECH,
        "tuulivoima",
        "vindkraft",
        "wind power",
        "Tuulivoiman rakentaminen ja huolto työllistävät alueen yrityksiä, ja merituulivoima avaa "
        "uusia mahdollisuuksia.",
        "Byggande och underhåll av vindkraft sysselsätter regionens företag, och havsbaserad "
        "vindkraft öppnar nya möjligheter.",
        "Building and servicing wind power employs local companies, and offshore wind opens up "
        "new opportunities.",
    ),
    "solar-energy": (
        TECH,
        "aurinkoenergia",
        "solenergi",
        "solar energy",
        "Aurinkoenergian hyödyntäminen pohjoisissa oloissa vaatii erityisosaamista, jota jäsenet "
        "kehittävät yhdessä.",
        "Att utnyttja solenergi under nordiska förhållanden kräver specialkunskap som "
        "medlemmarna utvecklar tillsammans.",
        "Harnessing solar energy in northern conditions requires special know-how that the "
        "members build together.",
    ),
    "energy-storage": (
        TECH,
        "energian varastointi",
        "energilagring",
        "energy storage",
        "Energian varastointi lämpönä, sähkönä ja kemiallisesti tasaa tuotannon vaihteluita ja "
        "tukee sähköjärjestelmää.",
        "Energilagring i form av värme, el och kemiska bärare jämnar ut variationerna i "
        "produktionen och stöder elsystemet.",
        "Storing energy as heat, electricity and chemical carriers evens out variations in "
        "production and supports the power system.",
    ),
    "smart-grids": (
        TECH,
        "älykkäät sähköverkot",
        "smarta elnät",
        "smart grids",
        "Älykkäät sähköverkot ja kysyntäjousto mahdollistavat vaihtelevan tuotannon liittämisen "
        "verkkoon.",
        "Smarta elnät och efterfrågeflexibilitet gör det möjligt att ansluta varierande "
        "produktion till nätet.",
        "Smart grids and demand response make it possible to connect variable production to the "
        "network.",
    ),
    "robotics": (
        TECH,
        "robotiikka",
        "robotik",
        "robotics",
        "Robotiikan sovellukset tehostavat tuotantoa, logistiikkaa ja vaativia huoltotöitä.",
        "Tillämpningar av robotik effektiviserar produktion, logistik och krävande "
        "underhållsarbeten.",
        "Robotics applications make production, logistics and demanding maintenance work more "
        "efficient.",
    ),
    "automation": (
        TECH,
        "automaatio",
        "automation",
        "automation",
        "Automaation ja ohjausjärjestelmien osaaminen auttaa valmistavaa teollisuutta "
        "parantamaan tuottavuuttaan.",
        "Kunnande inom automation och styrsystem hjälper tillverkningsindustrin att höja sin "
        "produktivitet.",
        "Know-how in automation and control systems helps manufacturing raise its productivity.",
    ),
    "industrial-internet": (
        TECH,
        "teollinen internet",
        "industriellt internet",
        "industrial internet",
        "Teollisen internetin ratkaisut keräävät dataa koneista ja laitteista, jotta kunnossapito "
        "voidaan ennakoida.",
        "Lösningar för industriellt internet samlar in data från maskiner och utrustning så att "
        "underhållet kan förutses.",
        "Industrial internet solutions collect data from machines and equipment so that "
        "maintenance can be predicted.",
    ),
    "cybersecurity": (
        TECH,
        "kyberturvallisuus",
        "cybersäkerhet",
        "cybersecurity",
        "Kyberturvallisuus on noussut jäsenten tärkeimpien kehityskohteiden joukkoon, ja "
        "aiheesta järjestetään koulutuksia ja harjoituksia.",
        "Cybersäkerhet har blivit ett av medlemmarnas viktigaste utvecklingsområden, och i "
        "ämnet ordnas utbildningar och övningar.",
        "Cybersecurity has become one of the members' top priorities, with training and "
        "exercises on the subject.",
    ),
    "wireless": (
        TECH,
        "langaton tiedonsiirto",
        "trådlös kommunikation",
        "wireless communication",
        "Langattoman tiedonsiirron ja 5G-verkkojen testiympäristöt ovat jäsenyritysten käytössä.",
        "Testmiljöer för trådlös kommunikation och 5G-nät står till medlemsföretagens förfogande.",
        "Test environments for wireless communication and 5G networks are available to member "
        "companies.",
    ),
    "quantum": (
        TECH,
        "kvanttiteknologia",
        "kvantteknik",
        "quantum technology",
        "Kvanttiteknologian tutkimus ja kaupallistaminen tuovat yhteen fyysikot, insinöörit ja "
        "ohjelmistokehittäjät.",
        "Forskning i kvantteknik och dess kommersialisering för samman fysiker, ingenjörer och "
        "programutvecklare.",
        "Research in quantum technology and its commercialisation bring physicists, engineers "
        "and software developers together.",
    ),
    "health-technology": (
        TECH,
        "terveysteknologia",
        "hälsoteknik",
        "health technology",
        "Terveysteknologian yritykset kehittävät mittalaitteita, etäseurantaa ja digitaalisia "
        "hoitopolkuja.",
        "Hälsoteknikföretagen utvecklar mätinstrument, distansövervakning och digitala vårdkedjor.",
        "Health technology companies develop measuring devices, remote monitoring and digital "
        "care pathways.",
    ),
    "drug-development": (
        CHAIN,
        "lääkekehitys",
        "läkemedelsutveckling",
        "drug development",
        "Lääkekehityksen yritykset ja yliopistot tekevät yhteistyötä uusien hoitojen "
        "löytämiseksi ja kliinisten tutkimusten nopeuttamiseksi.",
        "Företag inom läkemedelsutveckling och universitet samarbetar för att hitta nya "
        "behandlingar och påskynda kliniska prövningar.",
        "Drug development companies and universities work together to find new treatments and "
        "speed up clinical trials.",
    ),
    "diagnostics": (
        TECH,
        "diagnostiikka",
        "diagnostik",
        "diagnostics",
        "Diagnostiikan ja laboratorioteknologian ratkaisut nopeuttavat sairauksien tunnistamista.",
        "Lösningar inom diagnostik och laboratorieteknik gör det snabbare att upptäcka sjukdomar.",
        "Diagnostics and laboratory technology solutions make it faster to detect diseases.",
    ),
    "welfare-services": (
        CHAIN,
        "hyvinvointipalvelut",
        "välfärdstjänster",
        "welfare services",
        "Hyvinvointipalvelujen kehittäminen yhdessä asiakkaiden kanssa parantaa palvelujen "
        "laatua ja saavutettavuutta.",
        "Att utveckla välfärdstjänster tillsammans med kunderna förbättrar tjänsternas kvalitet "
        "och tillgänglighet.",
        "Developing welfare services together with their users improves their quality and "
        "accessibility.",
    ),
    "food-processing": (
        CHAIN,
        "elintarvikkeiden jalostus",
        "livsmedelsförädling",
        "food processing",
        "Elintarvikkeiden jalostus lisää paikallisten raaka-aineiden arvoa, ja yhteiset "
        "tuotekehitystilat ovat jäsenten käytössä.",
        "Livsmedelsförädlingen höjer värdet på lokala råvaror, och gemensamma lokaler för "
        "produktutveckling står till medlemmarnas förfogande.",
        "Food processing adds value to local raw materials, and shared product development "
        "facilities are open to members.",
    ),
    "sustainable-agriculture": (
        CHAIN,
        "kestävä maatalous",
        "hållbart jordbruk",
        "sustainable agriculture",
        "Kestävän maatalouden menetelmät, kuten hiiliviljely ja täsmälannoitus, parantavat "
        "maaperän kuntoa.",
        "Metoder för hållbart jordbruk, som kolinlagring i marken och precisionsgödsling, "
        "förbättrar markens bördighet.",
        "Sustainable agriculture methods such as carbon farming and precision fertilisation "
        "improve soil health.",
    ),
    "water-technology": (
        TECH,
        "vesiteknologia",
        "vattenteknik",
        "water technology",
        "Vesiteknologian yritykset tarjoavat ratkaisuja veden puhdistukseen, vesihuoltoon ja "
        "vesistöjen seurantaan.",
        "Företag inom vattenteknik erbjuder lösningar för vattenrening, vattenförsörjning och "
        "övervakning av sjöar och vattendrag.",
        "Water technology companies offer solutions for water treatment, water supply and "
        "monitoring lakes and rivers.",
    ),
    "marine-industry": (
        CHAIN,
        "meriteollisuus",
        "marin industri",
        "marine industry",
        "Meriteollisuuden verkosto toimittaa laitteita, järjestelmiä ja suunnittelua "
        "laivanrakennukseen ja satamiin.",
        "Nätverket inom den marina industrin levererar utrustning, system och konstruktion till "
        "varv och hamnar.",
        "The marine industry network supplies equipment, systems and engineering to "
        "shipbuilding and ports.",
    ),
    "low-carbon-construction": (
        CHAIN,
        "vähähiilinen rakentaminen",
        "koldioxidsnålt byggande",
        "low-carbon construction",
        "Vähähiilinen rakentaminen edellyttää uusia betonilaatuja, kierrätettyjä materiaaleja ja "
        "tarkkaa päästölaskentaa.",
        "Koldioxidsnålt byggande kräver nya betongkvaliteter, återvunna material och noggranna "
        "utsläppsberäkningar.",
        "Low-carbon construction calls for new concrete grades, recycled materials and careful "
        "emission accounting.",
    ),
    "timber-construction": (
        CHAIN,
        "puurakentaminen",
        "träbyggande",
        "timber construction",
        "Puurakentaminen tuo metsien raaka-aineen kerrostaloihin, kouluihin ja siltoihin.",
        "Träbyggandet för in råvaran från skogarna i flervåningshus, skolor och broar.",
        "Timber construction brings wood from the forests into apartment blocks, schools and "
        "bridges.",
    ),
    "mining": (
        CHAIN,
        "kaivannaisala",
        "gruvindustri",
        "mining",
        "Kaivannaisalan yritykset kehittävät vastuullista malminetsintää, louhintaa ja "
        "rikastusta yhdessä paikallisyhteisöjen kanssa.",
        "Företagen inom gruvindustrin utvecklar ansvarsfull prospektering, brytning och "
        "anrikning tillsammans med lokalsamhällena.",
        "Mining companies develop responsible exploration, extraction and ore processing "
        "together with local communities.",
    ),
    "steel-metals": (
        CHAIN,
        "teräs ja metallit",
        "stål och metaller",
        "steel and metals",
        "Metallien jalostus ja fossiiliton teräksen valmistus ovat alueen teollisuuden "
        "tärkeimpiä tulevaisuuden kysymyksiä.",
        "Metallförädling och fossilfri ståltillverkning är de viktigaste framtidsfrågorna för "
        "regionens industri.",
        "Metal refining and fossil-free steelmaking are the most important questions for the "
        "future of the region's industry.",
    ),
    "chemical-industry": (
        CHAIN,
        "kemianteollisuus",
        "kemiindustri",
        "chemical industry",
        "Kemianteollisuuden yritykset korvaavat fossiilisia raaka-aineita biopohjaisilla ja "
        "kierrätetyillä raaka-aineilla.",
        "Kemiindustrins företag ersätter fossila råvaror med biobaserade och återvunna råvaror.",
        "Chemical companies replace fossil feedstocks with bio-based and recycled ones.",
    ),
    "fibre-materials": (
        TECH,
        "kuitupohjaiset materiaalit",
        "fiberbaserade material",
        "fibre-based materials",
        "Kuitupohjaiset materiaalit korvaavat muovia pakkauksissa, tekstiileissä ja "
        "rakennustuotteissa.",
        "Fiberbaserade material ersätter plast i förpackningar, textilier och byggprodukter.",
        "Fibre-based materials replace plastics in packaging, textiles and building products.",
    ),
    "textile-recycling": (
        CHAIN,
        "tekstiilien kierrätys",
        "textilåtervinning",
        "textile recycling",
        "Poistotekstiilien lajittelu ja kuidusta kuiduksi -kierrätys ovat kehityksen kärjessä.",
        "Sortering av uttjänta textilier och återvinning från fiber till fiber står i fokus för "
        "utvecklingen.",
        "Sorting discarded textiles and fibre-to-fibre recycling are at the forefront of "
        "development.",
    ),
    "games": (
        CHAIN,
        "pelit ja interaktiivinen media",
        "spel och interaktiva medier",
        "games and interactive media",
        "Pelistudiot ja interaktiivisen median tekijät jakavat osaamistaan ja rekrytoivat "
        "yhdessä kansainvälisiä osaajia.",
        "Spelstudior och skapare av interaktiva medier delar sitt kunnande och rekryterar "
        "internationella talanger tillsammans.",
        "Game studios and interactive media makers share their know-how and recruit "
        "international talent together.",
    ),
    "design": (
        CHAIN,
        "muotoilu",
        "design",
        "design",
        "Muotoilu ja palvelumuotoilu auttavat yrityksiä ymmärtämään asiakkaitaan ja erottumaan "
        "kilpailijoista.",
        "Design och tjänstedesign hjälper företagen att förstå sina kunder och sticka ut från "
        "konkurrenterna.",
        "Design and service design help companies understand their customers and stand out from "
        "competitors.",
    ),
    "sustainable-tourism": (
        CHAIN,
        "kestävä matkailu",
        "hållbar turism",
        "sustainable tourism",
        "Kestävän matkailun periaatteet ohjaavat jäsenten tuotekehitystä, ja yritykset "
        "tavoittelevat yhteistä vastuullisuusmerkkiä.",
        "Principerna för hållbar turism styr medlemmarnas produktutveckling, och företagen "
        "strävar efter ett gemensamt hållbarhetsmärke.",
        "Sustainable tourism principles guide members' product development, and companies work "
        "towards a shared sustainability label.",
    ),
    "arctic": (
        CHAIN,
        "arktinen osaaminen",
        "arktisk kompetens",
        "Arctic expertise",
        "Arktinen osaaminen, kuten kylmien olosuhteiden testaus ja talvilogistiikka, on alueen "
        "yritysten vahvuus.",
        "Arktisk kompetens, som testning i kalla förhållanden och vinterlogistik, är en styrka "
        "för regionens företag.",
        "Arctic expertise, such as cold-climate testing and winter logistics, is a strength of "
        "the region's companies.",
    ),
    "smart-mobility": (
        TECH,
        "älykäs liikenne",
        "smarta transporter",
        "smart mobility",
        "Älykkään liikenteen palvelut yhdistävät joukkoliikenteen, kaupunkipyörät ja kyydit "
        "yhdeksi matkaketjuksi.",
        "Tjänster för smarta transporter knyter ihop kollektivtrafik, lånecyklar och samåkning "
        "till en enda resekedja.",
        "Smart mobility services combine public transport, city bikes and ride sharing into one "
        "journey.",
    ),
    "electric-mobility": (
        TECH,
        "sähköinen liikenne",
        "elektrifierade transporter",
        "electric mobility",
        "Sähköisen liikenteen latausinfrastruktuuri ja raskaan kaluston sähköistäminen ovat "
        "jäsenten yhteisiä hankkeita.",
        "Laddinfrastruktur och elektrifiering av tunga fordon är gemensamma projekt för "
        "medlemmarna.",
        "Charging infrastructure and the electrification of heavy vehicles are joint projects of "
        "the members.",
    ),
    "logistics": (
        CHAIN,
        "logistiikka",
        "logistik",
        "logistics",
        "Logistiikan tehostaminen ja kuljetusten yhdistäminen vähentävät kustannuksia ja päästöjä.",
        "Effektivare logistik och samlastning av transporter minskar både kostnader och utsläpp.",
        "More efficient logistics and consolidated shipments cut both costs and emissions.",
    ),
    "space": (
        TECH,
        "avaruusteknologia",
        "rymdteknik",
        "space technology",
        "Avaruusteknologian yritykset rakentavat piensatelliitteja ja hyödyntävät "
        "satelliittidataa esimerkiksi metsien ja merien seurannassa.",
        "Rymdteknikföretagen bygger småsatelliter och använder satellitdata, till exempel för "
        "att övervaka skogarna och haven.",
        "Space technology companies build small satellites and use satellite data, for instance "
        "to monitor forests and seas.",
    ),
    "defence": (
        CHAIN,
        "puolustusteollisuus",
        "försvarsindustri",
        "defence industry",
        "Puolustusteollisuuden toimitusketjuissa mukana olevat pk-yritykset saavat tukea "
        "vientivalvontaan ja tietoturvavaatimuksiin.",
        "Små och medelstora företag i försvarsindustrins leveranskedjor får stöd med "
        "exportkontroll och säkerhetskrav.",
        "SMEs in defence industry supply chains get support with export control and security "
        "requirements.",
    ),
    "photonics": (
        TECH,
        "fotoniikka",
        "fotonik",
        "photonics",
        "Fotoniikan sovellukset, kuten laserit, optiset anturit ja konenäkö, tuovat uusia "
        "mahdollisuuksia teollisuudelle.",
        "Tillämpningar inom fotonik, som lasrar, optiska sensorer och maskinseende, ger "
        "industrin nya möjligheter.",
        "Photonics applications such as lasers, optical sensors and machine vision open new "
        "possibilities for industry.",
    ),
    "semiconductors": (
        TECH,
        "puolijohteet",
        "halvledare",
        "semiconductors",
        "Puolijohteiden suunnittelu ja valmistus vaativat huippuosaamista, jota alueen "
        "yliopistot ja yritykset kehittävät yhdessä.",
        "Konstruktion och tillverkning av halvledare kräver spetskompetens som regionens "
        "universitet och företag utvecklar tillsammans.",
        "Designing and making semiconductors takes top expertise, which the region's "
        "universities and companies develop together.",
    ),
    "retail-digitalisation": (
        CHAIN,
        "kaupan digitalisaatio",
        "digitalisering av handeln",
        "retail digitalisation",
        "Kaupan digitalisaatio tuo myymälöihin älykkäitä hyllyjä, itsepalvelukassoja ja "
        "henkilökohtaisia tarjouksia.",
        "Digitaliseringen av handeln ger butikerna smarta hyllor, självbetjäningskassor och "
        "personliga erbjudanden.",
        "Retail digitalisation brings smart shelves, self-service checkouts and personal offers "
        "to shops.",
    ),
    "social-entrepreneurship": (
        CHAIN,
        "yhteiskunnallinen yrittäjyys",
        "socialt företagande",
        "social entrepreneurship",
        "Yhteiskunnallinen yrittäjyys yhdistää liiketoiminnan ja sosiaalisen tavoitteen, kuten "
        "vaikeasti työllistyvien työllistämisen.",
        "Socialt företagande förenar affärsverksamhet med ett socialt syfte, som att anställa "
        "personer som står långt från arbetsmarknaden.",
        "Social entrepreneurship combines business with a social purpose, such as employing "
        "people who find it hard to get work.",
    ),
    "bioenergy": (
        TECH,
        "bioenergia",
        "bioenergi",
        "bioenergy",
        "Bioenergian tuotanto metsätähteistä ja maatalouden sivuvirroista vahvistaa alueen "
        "energiaomavaraisuutta.",
        "Produktion av bioenergi från skogsrester och jordbrukets sidoströmmar stärker "
        "regionens självförsörjning på energi.",
        "Producing bioenergy from forest residues and agricultural side streams strengthens the "
        "region's energy self-sufficiency.",
    ),
    "carbon-capture": (
        TECH,
        "hiilidioksidin talteenotto",
        "koldioxidavskiljning",
        "carbon capture",
        "Hiilidioksidin talteenotto ja hyötykäyttö muuttavat teollisuuden päästöt raaka-aineeksi.",
        "Avskiljning och användning av koldioxid gör industrins utsläpp till en råvara.",
        "Capturing and using carbon dioxide turns industrial emissions into a raw material.",
    ),
    "geothermal": (
        TECH,
        "geoterminen energia",
        "geotermisk energi",
        "geothermal energy",
        "Geotermisen energian ja maalämmön hyödyntäminen vähentää lämmityksen päästöjä.",
        "Att ta till vara geotermisk energi och bergvärme minskar utsläppen från uppvärmningen.",
        "Using geothermal energy and ground-source heat cuts the emissions of heating.",
    ),
    "aquaculture": (
        CHAIN,
        "kalatalous ja vesiviljely",
        "fiske och vattenbruk",
        "fisheries and aquaculture",
        "Kalatalouden ja vesiviljelyn yritykset kehittävät kestäviä kasvatusmenetelmiä ja "
        "jalostavat kalaa uusiksi tuotteiksi.",
        "Företag inom fiske och vattenbruk utvecklar hållbara odlingsmetoder och förädlar fisk "
        "till nya produkter.",
        "Fisheries and aquaculture companies develop sustainable farming methods and process "
        "fish into new products.",
    ),
}

# NACE divisions a tag points to, beside those of the cluster's ecosystems.
TAG_DIVISIONS = {
    "forest-industry": ["02", "16", "17"],
    "timber-construction": ["16"],
    "mining": ["07", "08"],
    "aquaculture": ["03"],
    "water-technology": ["36", "37"],
    "circular-economy": ["38"],
    "battery-recycling": ["38"],
    "logistics": ["52"],
    "games": ["62"],
    "chemical-industry": ["20"],
    "steel-metals": ["24"],
    "hydrogen": ["35"],
    "semiconductors": ["26"],
    "drug-development": ["21"],
    "marine-industry": ["30"],
}


class Theme:
    """An EU industrial ecosystem as the demo descriptions talk about it."""

    def __init__(self, divisions, joins, sentences):
        self.divisions = divisions  # NACE divisions typical of the ecosystem
        self.joins = joins  # {"fi": ..., "sv": ..., "en": ...}: what the cluster brings together
        self.sentences = sentences  # {"fi": [...], "sv": [...], "en": [...]}, same order


ECOSYSTEM_THEMES = {
    "aerospace-defence": Theme(
        ["30", "26", "33", "72"],
        {
            "fi": "kokoaa yhteen ilmailun, avaruusteknologian ja turvallisuusalan yritykset sekä "
            "niiden tutkimuskumppanit",
            "sv": "samlar företag inom flyg, rymd och säkerhet samt deras forskningspartner",
            "en": "brings together aviation, space and security companies and their research "
            "partners",
        },
        {
            "fi": [
                "Jäsenyritykset toimittavat komponentteja, ohjelmistoja ja huoltopalveluja "
                "lentokoneiden ja satelliittien valmistajille.",
                "{S} auttaa pk-yrityksiä täyttämään ilmailun ja puolustushankintojen tiukat "
                "laatu- ja turvallisuusvaatimukset.",
                "Yhteisissä hankkeissa testataan uusia materiaaleja, sensoreita ja "
                "miehittämättömiä ilma-aluksia.",
            ],
            "sv": [
                "Medlemsföretagen levererar komponenter, programvara och underhållstjänster till "
                "tillverkare av flygplan och satelliter.",
                "{S} hjälper små och medelstora företag att uppfylla de stränga kvalitets- och "
                "säkerhetskraven i flyg- och försvarsupphandlingar.",
                "I gemensamma projekt testas nya material, sensorer och obemannade luftfarkoster.",
            ],
            "en": [
                "Member companies supply components, software and maintenance services to "
                "aircraft and satellite manufacturers.",
                "{S} helps SMEs meet the strict quality and security requirements of aerospace "
                "and defence procurement.",
                "Joint projects test new materials, sensors and unmanned aerial vehicles.",
            ],
        },
    ),
    "agri-food": Theme(
        ["01", "10", "11", "46"],
        {
            "fi": "kokoaa yhteen ruokaketjun toimijat pellolta pöytään",
            "sv": "samlar aktörerna i livsmedelskedjan från jord till bord",
            "en": "brings together the food chain from farm to fork",
        },
        {
            "fi": [
                "Maatilat, elintarvikeyritykset ja tutkijat kehittävät yhdessä uusia tuotteita "
                "paikallisista raaka-aineista.",
                "Erityisesti kasviproteiinien, viljan ja marjojen jalostusarvon nostaminen on "
                "toiminnan painopiste.",
                "{S} tukee yrityksiä vientimarkkinoilla ja auttaa niitä vastaamaan kuluttajien "
                "kasvavaan kiinnostukseen vastuullisesti tuotettua ruokaa kohtaan.",
            ],
            "sv": [
                "Gårdar, livsmedelsföretag och forskare utvecklar tillsammans nya produkter av "
                "lokala råvaror.",
                "Särskilt fokus ligger på att höja förädlingsvärdet av växtproteiner, spannmål och "
                "bär.",
                "{S} stöder företagen på exportmarknaderna och hjälper dem att möta konsumenternas "
                "växande intresse för ansvarsfullt producerad mat.",
            ],
            "en": [
                "Farms, food companies and researchers develop new products from local raw "
                "materials together.",
                "A particular focus is on adding value to plant proteins, cereals and berries.",
                "{S} supports companies in export markets and helps them respond to consumers' "
                "growing interest in responsibly produced food.",
            ],
        },
    ),
    "construction": Theme(
        ["41", "42", "43", "71", "23"],
        {
            "fi": "kokoaa yhteen rakennusliikkeet, suunnittelutoimistot, rakennustuoteteollisuuden "
            "ja kiinteistöjen omistajat",
            "sv": "samlar byggföretag, konsultbyråer, byggproduktindustrin och fastighetsägare",
            "en": "brings together builders, design consultancies, building product "
            "manufacturers and property owners",
        },
        {
            "fi": [
                "Tavoitteena on pienentää rakennusten hiilijalanjälkeä koko elinkaaren ajalta ja "
                "lisätä materiaalien uudelleenkäyttöä.",
                "Jäsenet pilotoivat digitaalisia työkaluja, kuten tietomallinnusta ja "
                "työmaiden reaaliaikaista seurantaa.",
                "Korjausrakentaminen ja energiatehokkuuden parantaminen ovat alueen "
                "rakennuskannan suurimmat haasteet.",
            ],
            "sv": [
                "Målet är att minska byggnadernas klimatavtryck under hela livscykeln och öka "
                "återbruket av material.",
                "Medlemmarna testar digitala verktyg som byggnadsinformationsmodellering och "
                "realtidsuppföljning av byggarbetsplatser.",
                "Renovering och förbättrad energieffektivitet är de största utmaningarna för "
                "regionens byggnadsbestånd.",
            ],
            "en": [
                "The aim is to cut the carbon footprint of buildings over their whole life cycle "
                "and to reuse more materials.",
                "Members pilot digital tools such as building information modelling and "
                "real-time monitoring of construction sites.",
                "Renovation and better energy efficiency are the biggest challenges for the "
                "region's building stock.",
            ],
        },
    ),
    "cultural-creative": Theme(
        ["58", "59", "90", "74"],
        {
            "fi": "kokoaa yhteen luovien alojen yrittäjät, pelistudiot, muotoilijat ja "
            "kulttuurilaitokset",
            "sv": "samlar entreprenörer inom kreativa näringar, spelstudior, formgivare och "
            "kulturinstitutioner",
            "en": "brings together creative entrepreneurs, game studios, designers and cultural "
            "institutions",
        },
        {
            "fi": [
                "{S} auttaa luovien alojen yrityksiä kasvamaan, tuotteistamaan osaamistaan ja "
                "löytämään kansainvälisiä asiakkaita.",
                "Yhteistyö teollisuuden kanssa tuo muotoilun ja tarinankerronnan osaksi "
                "tuotekehitystä.",
                "Jäsenet jakavat tiloja, laitteita ja tuotantopalveluja, mikä madaltaa uusien "
                "hankkeiden kynnystä.",
            ],
            "sv": [
                "{S} hjälper företag inom kreativa näringar att växa, paketera sitt kunnande och "
                "hitta internationella kunder.",
                "Samarbetet med industrin gör design och berättande till en del av "
                "produktutvecklingen.",
                "Medlemmarna delar lokaler, utrustning och produktionstjänster, vilket sänker "
                "tröskeln för nya projekt.",
            ],
            "en": [
                "{S} helps creative businesses grow, productise their know-how and find "
                "international customers.",
                "Cooperation with industry makes design and storytelling part of product "
                "development.",
                "Members share premises, equipment and production services, which lowers the "
                "threshold for new projects.",
            ],
        },
    ),
    "digital": Theme(
        ["62", "63", "61", "58"],
        {
            "fi": "kokoaa yhteen ohjelmistoyritykset, datapalvelujen tarjoajat ja "
            "digitalisaatiota hyödyntävät toimialat",
            "sv": "samlar programvaruföretag, leverantörer av datatjänster och branscher som "
            "drar nytta av digitaliseringen",
            "en": "brings together software companies, data service providers and the "
            "industries that use digital technology",
        },
        {
            "fi": [
                "Jäsenet kehittävät ohjelmistoja, pilvipalveluja ja datan hyödyntämisen "
                "ratkaisuja teollisuudelle ja julkiselle sektorille.",
                "Pk-yritykset saavat tätä kautta testiympäristöjä, asiantuntija-apua ja yhteyksiä "
                "uusiin asiakkaisiin.",
                "Osaavan työvoiman saatavuus on alan kasvun edellytys, joten yhteistyö "
                "oppilaitosten kanssa on tiivistä.",
            ],
            "sv": [
                "Medlemmarna utvecklar programvara, molntjänster och lösningar för att utnyttja "
                "data inom industrin och den offentliga sektorn.",
                "Små och medelstora företag får på så sätt testmiljöer, experthjälp och kontakter "
                "till nya kunder.",
                "Tillgången på kompetent arbetskraft är en förutsättning för branschens tillväxt, "
                "och därför är samarbetet med läroanstalterna nära.",
            ],
            "en": [
                "Members develop software, cloud services and data solutions for industry and the "
                "public sector.",
                "In this way SMEs get test environments, expert help and contacts with new "
                "customers.",
                "Access to skilled people is a condition for growth, so cooperation with "
                "universities and colleges is close.",
            ],
        },
    ),
    "electronics": Theme(
        ["26", "27", "72"],
        {
            "fi": "kokoaa yhteen elektroniikan, sensoriikan ja sulautettujen järjestelmien "
            "yritykset",
            "sv": "samlar företag inom elektronik, sensorteknik och inbyggda system",
            "en": "brings together companies in electronics, sensors and embedded systems",
        },
        {
            "fi": [
                "Alueella on vahva elektroniikkateollisuuden perinne, jonka varaan on syntynyt "
                "uusia kasvuyrityksiä.",
                "{S} tarjoaa jäsenilleen pääsyn prototyyppien valmistukseen, "
                "mittauslaboratorioihin ja testaukseen.",
                "Komponenttien saatavuus ja toimitusketjujen varmuus ovat jäsenyritysten yhteisiä "
                "kysymyksiä.",
            ],
            "sv": [
                "Regionen har en stark tradition inom elektronikindustrin, som nya tillväxtföretag "
                "har vuxit fram ur.",
                "{S} ger sina medlemmar tillgång till prototyptillverkning, mätlaboratorier och "
                "testning.",
                "Tillgången på komponenter och leveranskedjornas säkerhet är gemensamma frågor för "
                "medlemsföretagen.",
            ],
            "en": [
                "The region has a strong tradition in the electronics industry, from which new "
                "growth companies have emerged.",
                "{S} gives its members access to prototype manufacturing, measurement "
                "laboratories and testing.",
                "Component availability and secure supply chains are shared concerns of the "
                "member companies.",
            ],
        },
    ),
    "energy-intensive": Theme(
        ["17", "20", "24", "23", "19"],
        {
            "fi": "kokoaa yhteen prosessiteollisuuden yritykset, niiden alihankkijat ja "
            "tutkimuslaitokset",
            "sv": "samlar processindustrins företag, deras underleverantörer och "
            "forskningsinstitut",
            "en": "brings together process industry companies, their suppliers and research "
            "institutes",
        },
        {
            "fi": [
                "Teollisuuden vihreä siirtymä edellyttää uusia prosesseja, joissa fossiiliset "
                "polttoaineet korvataan sähköllä ja vedyllä.",
                "Jäsenet hyödyntävät toistensa sivuvirtoja, hukkalämpöä ja infrastruktuuria "
                "teollisuusalueella.",
                "Yhteisillä investoinneilla ja pilottilaitoksilla alueen teollisuus vähentää "
                "päästöjään ja vahvistaa kilpailukykyään.",
            ],
            "sv": [
                "Industrins gröna omställning kräver nya processer där fossila bränslen ersätts "
                "med el och vätgas.",
                "Medlemmarna utnyttjar varandras sidoströmmar, spillvärme och infrastruktur inom "
                "industriområdet.",
                "Med gemensamma investeringar och pilotanläggningar minskar regionens industri "
                "sina utsläpp och stärker sin konkurrenskraft.",
            ],
            "en": [
                "The green transition of industry needs new processes in which fossil fuels are "
                "replaced with electricity and hydrogen.",
                "Members use each other's side streams, waste heat and infrastructure in the "
                "industrial area.",
                "Through joint investments and pilot plants, the region's industry cuts its "
                "emissions and strengthens its competitiveness.",
            ],
        },
    ),
    "renewable-energy": Theme(
        ["35", "27", "28", "71"],
        {
            "fi": "kokoaa yhteen uusiutuvan energian tuottajat, laitevalmistajat ja "
            "palveluyritykset",
            "sv": "samlar producenter av förnybar energi, utrustningstillverkare och "
            "tjänsteföretag",
            "en": "brings together renewable energy producers, equipment manufacturers and "
            "service companies",
        },
        {
            "fi": [
                "Uusiutuvan energian tuotanto kasvaa alueella nopeasti, ja paikalliset yritykset "
                "saavat tukea päästäkseen mukaan arvoketjuun.",
                "Energian tuotannon, siirron ja kulutuksen yhteensovittaminen on jäsenten "
                "yhteinen kehityskohde.",
                "{S} edistää energiamurrosta tuomalla yhteen yritykset, kunnat ja maanomistajat.",
            ],
            "sv": [
                "Produktionen av förnybar energi växer snabbt i regionen, och lokala företag får "
                "stöd för att ta plats i värdekedjan.",
                "Att samordna produktion, överföring och förbrukning av energi är ett gemensamt "
                "utvecklingsområde för medlemmarna.",
                "{S} driver på energiomställningen genom att föra samman företag, kommuner och "
                "markägare.",
            ],
            "en": [
                "Renewable energy production is growing fast in the region, and local companies "
                "get support to enter the value chain.",
                "Matching the production, transmission and use of energy is a shared development "
                "goal of the members.",
                "{S} drives the energy transition by bringing companies, municipalities and "
                "landowners together.",
            ],
        },
    ),
    "health": Theme(
        ["21", "86", "32", "72"],
        {
            "fi": "kokoaa yhteen terveysteknologian ja lääkealan yritykset, sairaalat ja "
            "tutkimusryhmät",
            "sv": "samlar företag inom hälsoteknik och läkemedel, sjukhus och forskargrupper",
            "en": "brings together health technology and pharmaceutical companies, hospitals "
            "and research groups",
        },
        {
            "fi": [
                "Yritykset testaavat ratkaisujaan yhdessä terveydenhuollon ammattilaisten kanssa.",
                "{S} auttaa jäseniään lääkinnällisten laitteiden sääntelyssä, kliinisessä "
                "näytössä ja kansainvälistymisessä.",
                "Terveysdatan vastuullinen hyödyntäminen ja ennaltaehkäisevä hoito ovat "
                "toiminnan painopisteitä.",
            ],
            "sv": [
                "Företagen testar sina lösningar tillsammans med vårdpersonal.",
                "{S} hjälper medlemmarna med regleringen av medicintekniska produkter, kliniska "
                "belägg och internationalisering.",
                "Ansvarsfull användning av hälsodata och förebyggande vård är tyngdpunkter i "
                "verksamheten.",
            ],
            "en": [
                "Companies test their solutions together with healthcare professionals.",
                "{S} helps its members with medical device regulation, clinical evidence and "
                "internationalisation.",
                "Responsible use of health data and preventive care are at the heart of the work.",
            ],
        },
    ),
    "mobility-transport-automotive": Theme(
        ["29", "30", "49", "52", "50"],
        {
            "fi": "kokoaa yhteen liikenteen, logistiikan ja ajoneuvoteollisuuden toimijat",
            "sv": "samlar aktörer inom transport, logistik och fordonsindustri",
            "en": "brings together transport, logistics and vehicle industry actors",
        },
        {
            "fi": [
                "Jäsenet kehittävät vähäpäästöisiä kuljetusratkaisuja ja testaavat niitä "
                "todellisissa olosuhteissa, myös talvella.",
                "Satamat, rautatiet ja maantiekuljetukset muodostavat alueelle logistisen "
                "solmukohdan, jota jäsenet kehittävät yhdessä.",
                "Jäsenyritykset valmistavat ajoneuvojen osia, työkoneita ja niiden "
                "ohjausjärjestelmiä.",
            ],
            "sv": [
                "Medlemmarna utvecklar utsläppssnåla transportlösningar och testar dem under "
                "verkliga förhållanden, även vintertid.",
                "Hamnar, järnvägar och vägtransporter gör regionen till ett logistiskt nav som "
                "medlemmarna utvecklar tillsammans.",
                "Medlemsföretagen tillverkar fordonskomponenter, arbetsmaskiner och deras "
                "styrsystem.",
            ],
            "en": [
                "Members develop low-emission transport solutions and test them in real "
                "conditions, winter included.",
                "Ports, railways and road transport make the region a logistics hub that the "
                "members develop together.",
                "Member companies manufacture vehicle parts, non-road machinery and their "
                "control systems.",
            ],
        },
    ),
    "proximity-social-economy": Theme(
        ["88", "87", "94", "85"],
        {
            "fi": "kokoaa yhteen yhteiskunnalliset yritykset, osuuskunnat, järjestöt ja kunnat",
            "sv": "samlar sociala företag, kooperativ, organisationer och kommuner",
            "en": "brings together social enterprises, cooperatives, civil society "
            "organisations and municipalities",
        },
        {
            "fi": [
                "Tavoitteena on vahvistaa lähipalveluja ja työllisyyttä erityisesti harvaan "
                "asutuilla alueilla.",
                "{S} auttaa yhteisölähtöisiä yrityksiä kasvamaan ja osallistumaan julkisiin "
                "hankintoihin.",
                "Kylien, kuntien ja yritysten yhteistyö tuo palvelut lähelle asukkaita.",
            ],
            "sv": [
                "Målet är att stärka närservicen och sysselsättningen, särskilt i glesbygden.",
                "{S} hjälper samhällsdrivna företag att växa och delta i offentliga upphandlingar.",
                "Samarbetet mellan byar, kommuner och företag för tjänsterna nära invånarna.",
            ],
            "en": [
                "The aim is to strengthen local services and employment, especially in sparsely "
                "populated areas.",
                "{S} helps community-based businesses grow and take part in public procurement.",
                "Cooperation between villages, municipalities and companies brings services close "
                "to residents.",
            ],
        },
    ),
    "retail": Theme(
        ["47", "46", "52"],
        {
            "fi": "kokoaa yhteen kaupan alan yritykset, verkkokaupat ja niiden teknologiakumppanit",
            "sv": "samlar handelsföretag, e-handlare och deras teknikpartner",
            "en": "brings together retailers, online shops and their technology partners",
        },
        {
            "fi": [
                "Jäsenet kehittävät yhdessä monikanavaisia palveluja, joissa kivijalkamyymälä ja "
                "verkkokauppa tukevat toisiaan.",
                "{S} auttaa pieniä kauppoja hyödyntämään asiakasdataa, uusia maksutapoja ja "
                "kestäviä pakkausratkaisuja.",
                "Kaupan logistiikan ja varastojen tehostaminen on monen jäsenen yhteinen tavoite.",
            ],
            "sv": [
                "Medlemmarna utvecklar tillsammans kanalövergripande tjänster där butik och "
                "e-handel stöder varandra.",
                "{S} hjälper små butiker att använda kunddata, nya betalsätt och hållbara "
                "förpackningslösningar.",
                "Effektivare handelslogistik och lagerhantering är ett gemensamt mål för många "
                "medlemmar.",
            ],
            "en": [
                "Members develop omnichannel services together, where shops and online stores "
                "support each other.",
                "{S} helps small retailers use customer data, new payment methods and "
                "sustainable packaging.",
                "More efficient retail logistics and warehousing is a shared goal of many members.",
            ],
        },
    ),
    "textiles": Theme(
        ["13", "14", "38"],
        {
            "fi": "kokoaa yhteen tekstiili- ja vaatetusalan yritykset, kuituvalmistajat ja "
            "kierrätystoimijat",
            "sv": "samlar företag inom textil och konfektion, fibertillverkare och "
            "återvinningsaktörer",
            "en": "brings together textile and clothing companies, fibre producers and recyclers",
        },
        {
            "fi": [
                "Jäsenet kehittävät tekstiilien kierrätystä ja uusia kuituja, jotka valmistetaan "
                "puusta tai käytetyistä vaatteista.",
                "Jäsenyritykset suunnittelevat kestäviä tuotteita, joiden käyttöikä on pitkä ja "
                "jotka voidaan korjata.",
                "{S} auttaa pieniä tekstiiliyrityksiä löytämään tuotantokumppaneita ja viemään "
                "tuotteitaan ulkomaille.",
            ],
            "sv": [
                "Medlemmarna utvecklar textilåtervinning och nya fibrer som tillverkas av trä "
                "eller använda kläder.",
                "Medlemsföretagen designar hållbara produkter med lång livslängd som kan "
                "repareras.",
                "{S} hjälper små textilföretag att hitta produktionspartner och att exportera.",
            ],
            "en": [
                "Members develop textile recycling and new fibres made from wood or used clothing.",
                "Member companies design durable products that last long and can be repaired.",
                "{S} helps small textile companies find production partners and export.",
            ],
        },
    ),
    "tourism": Theme(
        ["55", "56", "79", "93"],
        {
            "fi": "kokoaa yhteen matkailuyritykset, ohjelmapalvelujen tuottajat ja alueen "
            "markkinointiorganisaatiot",
            "sv": "samlar turismföretag, upplevelseproducenter och regionens "
            "marknadsföringsorganisationer",
            "en": "brings together tourism companies, activity providers and destination "
            "marketing organisations",
        },
        {
            "fi": [
                "Tavoitteena on ympärivuotinen matkailu, jossa luonto, kulttuuri ja paikallinen "
                "ruoka yhdistyvät.",
                "Jäsenet tuotteistavat yhdessä elämyksiä kansainvälisille matkailijoille ja "
                "jakavat markkinoinnin kustannuksia.",
                "Vastuullisuus ja luonnon kantokyky ohjaavat matkailun kehittämistä alueella.",
            ],
            "sv": [
                "Målet är turism året runt, där natur, kultur och lokal mat möts.",
                "Medlemmarna paketerar tillsammans upplevelser för internationella resenärer och "
                "delar på marknadsföringskostnaderna.",
                "Hållbarhet och naturens bärkraft styr utvecklingen av turismen i regionen.",
            ],
            "en": [
                "The aim is year-round tourism that combines nature, culture and local food.",
                "Members package experiences for international travellers together and share "
                "marketing costs.",
                "Sustainability and the carrying capacity of nature guide the development of "
                "tourism in the region.",
            ],
        },
    ),
}

# Kind of entity: (fi nominative, sv with article, en with article) and the subject forms.
KIND_WORDS = {
    "cluster": {
        "fi": ("klusteriorganisaatio", "Klusteri", "Klusterin"),
        "sv": ("en klusterorganisation", "Klustret", "Klustrets"),
        "en": ("a cluster organisation", "The cluster", "The cluster's"),
    },
    "ecosystem": {
        "fi": ("innovaatioekosysteemi", "Ekosysteemi", "Ekosysteemin"),
        "sv": ("ett innovationsekosystem", "Ekosystemet", "Ekosystemets"),
        "en": ("an innovation ecosystem", "The ecosystem", "The ecosystem's"),
    },
    "network": {
        "fi": ("yritysverkosto", "Verkosto", "Verkoston"),
        "sv": ("ett företagsnätverk", "Nätverket", "Nätverkets"),
        "en": ("a business network", "The network", "The network's"),
    },
    "platform": {
        "fi": ("innovaatioalusta", "Alusta", "Alustan"),
        "sv": ("en innovationsplattform", "Plattformen", "Plattformens"),
        "en": ("an innovation platform", "The platform", "The platform's"),
    },
    "park": {
        "fi": ("tiede- ja teknologiapuisto", "Puisto", "Puiston"),
        "sv": ("en forsknings- och teknikpark", "Parken", "Parkens"),
        "en": ("a science and technology park", "The park", "The park's"),
    },
    "edih": {
        "fi": ("digitaali-innovaatiokeskittymä (EDIH)", "Keskittymä", "Keskittymän"),
        "sv": ("en europeisk digital innovationshubb (EDIH)", "Hubben", "Hubbens"),
        "en": ("a European Digital Innovation Hub (EDIH)", "The hub", "The hub's"),
    },
}

SERVICE_PHRASES = {
    # service area slug: what "members are offered", in each language, without "and"
    "networking": {
        "fi": "verkostoitumistilaisuuksia",
        "sv": "nätverksträffar",
        "en": "networking events",
    },
    "advocacy": {
        "fi": "edunvalvontaa päättäjien suuntaan",
        "sv": "intressebevakning gentemot beslutsfattare",
        "en": "advocacy towards decision-makers",
    },
    "capacity-building": {
        "fi": "osaamista kasvattavia koulutuksia",
        "sv": "kompetensutvecklande utbildningar",
        "en": "skills training",
    },
    "internationalisation": {
        "fi": "tukea kansainvälistymiseen",
        "sv": "stöd för internationalisering",
        "en": "support for internationalisation",
    },
    "information": {
        "fi": "ajankohtaista tietoa rahoitusmahdollisuuksista",
        "sv": "aktuell information om finansieringsmöjligheter",
        "en": "timely information on funding opportunities",
    },
    "economies-of-scale": {
        "fi": "yhteishankintoja",
        "sv": "samordnade upphandlingar",
        "en": "joint procurement",
    },
}

AND = {"fi": "ja", "sv": "och", "en": "and"}

SERVICES_SENTENCE = {
    "fi": "Jäsenille tarjotaan {services}.",
    "sv": "Medlemmarna erbjuds {services}.",
    "en": "Members are offered {services}.",
}

MEMBERS_SENTENCES = [
    {
        "fi": "Toiminta käynnistyi vuonna {year}, ja jäseniä on tällä hetkellä {total}.",
        "sv": "Verksamheten startade {year} och har i dag {total} medlemmar.",
        "en": "The work started in {year}, and there are {total} members today.",
    },
    {
        "fi": "{S} perustettiin vuonna {year}, ja sillä on nyt {total} jäsentä, joista {sme} on "
        "pieniä ja keskisuuria yrityksiä.",
        "sv": "{S} grundades {year} och har i dag {total} medlemmar, varav {sme} är små och "
        "medelstora företag.",
        "en": "{S} was founded in {year} and now has {total} members, {sme} of them small and "
        "medium-sized enterprises.",
    },
    {
        "fi": "Vuonna {year} aloittaneeseen yhteistyöhön osallistuu nyt {total} organisaatiota, "
        "ja mukana on myös {knowledge} tutkimus- ja koulutusorganisaatiota.",
        "sv": "Samarbetet inleddes {year} och omfattar nu {total} organisationer, bland dem "
        "{knowledge} forsknings- och utbildningsorganisationer.",
        "en": "The cooperation began in {year} and now involves {total} organisations, "
        "{knowledge} of them research and education organisations.",
    },
]

AREA_SENTENCES = {
    "regional_fi": {
        "fi": "Toiminta keskittyy {region_fi}, mutta yhteistyötä tehdään myös muiden "
        "maakuntien kanssa.",
        "sv": "Verksamheten är inriktad på {region_sv}, men samarbetet sträcker sig också till "
        "andra landskap.",
        "en": "The work focuses on {region_en}, but there is also cooperation with other regions.",
    },
    "regional": {
        "fi": "Toiminta keskittyy kotiseudulle, mutta yhteistyötä tehdään myös muiden alueiden "
        "kanssa.",
        "sv": "Verksamheten är inriktad på närregionen, men samarbetet sträcker sig också till "
        "andra delar av landet.",
        "en": "The work focuses on the surrounding region, but there is also cooperation with "
        "other parts of the country.",
    },
    "national": {
        "fi": "{S} toimii valtakunnallisesti, ja jäseniä on eri puolilta maata.",
        "sv": "{S} verkar i hela landet och har medlemmar från olika delar av landet.",
        "en": "{S} works nationwide and has members from all over the country.",
    },
    "cross_border": {
        "fi": "{S} tekee rajat ylittävää yhteistyötä, ja jäseniä on useammasta kuin yhdestä "
        "Pohjoismaasta.",
        "sv": "{S} arbetar över gränserna och har medlemmar i flera nordiska länder.",
        "en": "{S} works across borders and has members in several Nordic countries.",
    },
}

NETWORKS_SENTENCE = {
    "fi": "{S} on mukana kansainvälisissä verkostoissa, kuten {networks}.",
    "sv": "{S} deltar i internationella nätverk som {networks}.",
    "en": "{S} takes part in international networks such as {networks}.",
}

CLOSING_SENTENCES = [
    {
        "fi": "Uudet jäsenet ovat tervetulleita, erityisesti pk-yritykset, jotka etsivät "
        "kumppaneita kehityshankkeisiin.",
        "sv": "Nya medlemmar är välkomna, särskilt små och medelstora företag som söker partner "
        "till utvecklingsprojekt.",
        "en": "New members are welcome, especially SMEs looking for partners for development "
        "projects.",
    },
    {
        "fi": "Jäsenyys tarjoaa yrityksille pääsyn yhteisiin hankkeisiin, tapahtumiin ja "
        "rahoitusneuvontaan.",
        "sv": "Medlemskapet ger företagen tillgång till gemensamma projekt, evenemang och "
        "finansieringsrådgivning.",
        "en": "Membership gives companies access to joint projects, events and advice on funding.",
    },
    {
        "fi": "{S} julkaisee vuosittain katsauksen jäsentensä yhteisistä tuloksista.",
        "sv": "{S} publicerar varje år en översikt över medlemmarnas gemensamma resultat.",
        "en": "{S} publishes a yearly review of its members' joint results.",
    },
    {
        "fi": "Toimintaa ohjaa jäsenten valitsema hallitus, ja toimintasuunnitelma päivitetään "
        "vuosittain.",
        "sv": "Verksamheten leds av en styrelse som medlemmarna väljer, och verksamhetsplanen "
        "uppdateras årligen.",
        "en": "A board elected by the members steers the work, and the action plan is updated "
        "every year.",
    },
    {
        "fi": "Yhteiset tapahtumat ja opintomatkat vahvistavat luottamusta ja synnyttävät uusia "
        "kumppanuuksia.",
        "sv": "Gemensamma evenemang och studieresor stärker förtroendet och ger upphov till nya "
        "partnerskap.",
        "en": "Joint events and study trips build trust and give rise to new partnerships.",
    },
]

# Finnish regions: (genitive + "alueelle" form used in "Toiminta keskittyy …").
REGION_FOCUS_FI = {
    "MK01": "Uudenmaan alueelle",
    "MK02": "Varsinais-Suomen alueelle",
    "MK04": "Satakunnan alueelle",
    "MK05": "Kanta-Hämeen alueelle",
    "MK06": "Pirkanmaan alueelle",
    "MK07": "Päijät-Hämeen alueelle",
    "MK08": "Kymenlaakson alueelle",
    "MK09": "Etelä-Karjalan alueelle",
    "MK10": "Etelä-Savon alueelle",
    "MK11": "Pohjois-Savon alueelle",
    "MK12": "Pohjois-Karjalan alueelle",
    "MK13": "Keski-Suomen alueelle",
    "MK14": "Etelä-Pohjanmaan alueelle",
    "MK15": "Pohjanmaan alueelle",
    "MK16": "Keski-Pohjanmaan alueelle",
    "MK17": "Pohjois-Pohjanmaan alueelle",
    "MK18": "Kainuun alueelle",
    "MK19": "Lapin alueelle",
    "MK21": "Ahvenanmaan alueelle",
}

# Finnish towns the demo clusters sit in: municipality name → the "in town" form.
TOWN_LOCATIVE_FI = {
    "Helsinki": "Helsingissä",
    "Espoo": "Espoossa",
    "Vantaa": "Vantaalla",
    "Porvoo": "Porvoossa",
    "Hyvinkää": "Hyvinkäällä",
    "Kirkkonummi": "Kirkkonummella",
    "Raasepori": "Raaseporissa",
    "Turku": "Turussa",
    "Salo": "Salossa",
    "Uusikaupunki": "Uudessakaupungissa",
    "Raisio": "Raisiossa",
    "Pori": "Porissa",
    "Rauma": "Raumalla",
    "Harjavalta": "Harjavallassa",
    "Hämeenlinna": "Hämeenlinnassa",
    "Forssa": "Forssassa",
    "Tampere": "Tampereella",
    "Nokia": "Nokialla",
    "Valkeakoski": "Valkeakoskella",
    "Kangasala": "Kangasalla",
    "Jyväskylä": "Jyväskylässä",
    "Äänekoski": "Äänekoskella",
    "Jämsä": "Jämsässä",
    "Saarijärvi": "Saarijärvellä",
    "Vaasa": "Vaasassa",
    "Mustasaari": "Mustasaaressa",
    "Pietarsaari": "Pietarsaaressa",
    "Närpiö": "Närpiössä",
    "Kokkola": "Kokkolassa",
    "Kannus": "Kannuksessa",
    "Kaustinen": "Kaustisella",
    "Oulu": "Oulussa",
    "Raahe": "Raahessa",
    "Kalajoki": "Kalajoella",
    "Ylivieska": "Ylivieskassa",
    "Seinäjoki": "Seinäjoella",
    "Kauhajoki": "Kauhajoella",
    "Kuopio": "Kuopiossa",
    "Varkaus": "Varkaudessa",
    "Joensuu": "Joensuussa",
    "Lieksa": "Lieksassa",
    "Mikkeli": "Mikkelissä",
    "Savonlinna": "Savonlinnassa",
    "Lahti": "Lahdessa",
    "Heinola": "Heinolassa",
    "Kotka": "Kotkassa",
    "Kouvola": "Kouvolassa",
    "Lappeenranta": "Lappeenrannassa",
    "Imatra": "Imatralla",
    "Kajaani": "Kajaanissa",
    "Rovaniemi": "Rovaniemellä",
    "Kemi": "Kemissä",
    "Maarianhamina": "Maarianhaminassa",
}

# Nordic towns: name in Finnish, Swedish and English, and approximate real coordinates.
NORDIC_TOWNS = {
    "Luleå": ("Luulaja", "Luleå", "Luleå", 65.5848, 22.1547),
    "Skellefteå": ("Skellefteå", "Skellefteå", "Skellefteå", 64.7507, 20.9528),
    "Umeå": ("Uumaja", "Umeå", "Umeå", 63.8258, 20.2630),
    "Sundsvall": ("Sundsvall", "Sundsvall", "Sundsvall", 62.3908, 17.3069),
    "Örnsköldsvik": ("Örnsköldsvik", "Örnsköldsvik", "Örnsköldsvik", 63.2909, 18.7153),
    "Gävle": ("Gävle", "Gävle", "Gävle", 60.6749, 17.1413),
    "Västerås": ("Västerås", "Västerås", "Västerås", 59.6099, 16.5448),
    "Karlstad": ("Karlstad", "Karlstad", "Karlstad", 59.4022, 13.5115),
    "Linköping": ("Linköping", "Linköping", "Linköping", 58.4108, 15.6214),
    "Göteborg": ("Göteborg", "Göteborg", "Gothenburg", 57.7089, 11.9746),
    "Borås": ("Borås", "Borås", "Borås", 57.7210, 12.9401),
    "Lund": ("Lund", "Lund", "Lund", 55.7047, 13.1910),
    "Malmö": ("Malmö", "Malmö", "Malmö", 55.6050, 13.0038),
    "Östersund": ("Östersund", "Östersund", "Östersund", 63.1792, 14.6357),
    "Oslo": ("Oslo", "Oslo", "Oslo", 59.9139, 10.7522),
    "Bergen": ("Bergen", "Bergen", "Bergen", 60.3913, 5.3221),
    "Trondheim": ("Trondheim", "Trondheim", "Trondheim", 63.4305, 10.3951),
    "Stavanger": ("Stavanger", "Stavanger", "Stavanger", 58.9700, 5.7331),
    "Tromsø": ("Tromssa", "Tromsø", "Tromsø", 69.6492, 18.9553),
    "Bodø": ("Bodø", "Bodø", "Bodø", 67.2804, 14.4049),
    "Ålesund": ("Ålesund", "Ålesund", "Ålesund", 62.4722, 6.1495),
    "Mo i Rana": ("Mo i Rana", "Mo i Rana", "Mo i Rana", 66.3128, 14.1428),
    "Kristiansand": ("Kristiansand", "Kristiansand", "Kristiansand", 58.1599, 7.9956),
    "Hamar": ("Hamar", "Hamar", "Hamar", 60.7945, 11.0680),
    "Porsgrunn": ("Porsgrunn", "Porsgrunn", "Porsgrunn", 59.1405, 9.6561),
    "København": ("Kööpenhamina", "Köpenhamn", "Copenhagen", 55.6761, 12.5683),
    "Aarhus": ("Aarhus", "Århus", "Aarhus", 56.1629, 10.2039),
    "Odense": ("Odense", "Odense", "Odense", 55.4038, 10.4024),
    "Esbjerg": ("Esbjerg", "Esbjerg", "Esbjerg", 55.4765, 8.4594),
    "Aalborg": ("Aalborg", "Ålborg", "Aalborg", 57.0488, 9.9217),
    "Vejle": ("Vejle", "Vejle", "Vejle", 55.7113, 9.5364),
    "Herning": ("Herning", "Herning", "Herning", 56.1393, 8.9738),
    "Sønderborg": ("Sønderborg", "Sønderborg", "Sønderborg", 54.9138, 9.7922),
    "Roskilde": ("Roskilde", "Roskilde", "Roskilde", 55.6415, 12.0803),
    "Kolding": ("Kolding", "Kolding", "Kolding", 55.4904, 9.4722),
    "Reykjanesbær": ("Reykjanesbær", "Reykjanesbær", "Reykjanesbær", 63.9998, -22.5583),
    "Akureyri": ("Akureyri", "Akureyri", "Akureyri", 65.6885, -18.1262),
    "Tórshavn": ("Tórshavn", "Torshamn", "Tórshavn", 62.0079, -6.7900),
    "Nuuk": ("Nuuk", "Nuuk", "Nuuk", 64.1814, -51.6941),
}

# Country: Finnish adjective, Swedish name, English name.
COUNTRY_WORDS = {
    "SE": ("ruotsalainen", "Sverige", "Sweden"),
    "NO": ("norjalainen", "Norge", "Norway"),
    "DK": ("tanskalainen", "Danmark", "Denmark"),
    "IS": ("islantilainen", "Island", "Iceland"),
    "AX": ("ahvenanmaalainen", "Åland", "Åland"),
    "FO": ("färsaarelainen", "Färöarna", "the Faroe Islands"),
    "GL": ("grönlantilainen", "Grönland", "Greenland"),
}

OPENING_FINNISH = {
    "fi": "{name} on {town} toimiva {kind}, joka {joins}.",
    "sv": "{name} är {kind} i {town} som {joins}.",
    "en": "{name} is {kind} based in {town} that {joins}.",
}

OPENING_NORDIC = {
    "fi": "{name} on {adjective} {kind}, jonka kotipaikka on {town}. {S} {joins}.",
    "sv": "{name} är {kind} med säte i {town}, {country}, som {joins}.",
    "en": "{name} is {kind} based in {town}, {country}, that {joins}.",
}
