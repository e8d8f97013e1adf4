"""Words that carry a fact without a digit or a capital: a final that became a semifinal, a used
camera sold as new, a body-only listing that gained a lens, men's shoes that became women's, a
Saturday that became a Sunday, 9 PM that became 오전 9시 (9 am), high tide low, an indoor pool an
outdoor one, a home game an away game, dark blue light blue, rain snow, dogs allowed not allowed,
a daughter a son, yesterday today, a maxi dress a mini one, oil on canvas watercolour, south of
the dike north of it, a rent per month one per week, walnut rosewood; a thing a
source leaves out that comes back (``no charger`` -> ``with its charger``); and what happened
before a thing that the output has happen after it (``before the vote`` -> ``after the vote``).

Each group lists terms that exclude one another, in the languages alt-text is commonly written
in. An output term changes the fact where the sources state another term of its group and none
of its own (``final`` -> ``semifinal``, ``Gebrauchte`` -> ``Neue``, ``body only`` -> ``con
obiettivo``). A source that states none, or states both, decides nothing: words the model added
about a thing the source is silent on are left to the other checks.
"""

from __future__ import annotations

import re
from functools import cache

from .language import sure_language

# group -> sense -> terms split by "|", lowercase. A "*" after a term makes it a compound's
# first part (Damen*: Damenfahrrad), before it the last (*halbfinale: DFB-Pokalhalbfinale).
# Longer terms are matched first and hide the shorter ones inside them (semi-final, not final);
# a thing "like new" is used, so the phrase is a used term (gebraucht, wie neu). The sense "_"
# lists phrases that hold a term in another sense (right now, user manual): they state nothing.
_TERMS: dict[str, dict[str, str]] = {
    "round": {
        "final": (
            "final|finals|finale|finali|finał|finału|finále|finálové|finálový|finale*|*finale|*finales|"
            "*finalen"
        ),
        "semifinal": (
            "semifinal|semifinals|semi-final|semi-finals|semi final|semifinale|semifinali|"
            "semifinales|demi-finale|demi-finales|halve finale|halbfinale|*halbfinale|"
            "*halbfinales|halbfinal*|półfinał|półfinale|półfinału|полуфинал|полуфинале|"
            "yarı final|semifinále|semifinálové|準決勝|半决赛|準決賽"
        ),
        "quarterfinal": (
            "quarterfinal|quarterfinals|quarter-final|quarter-finals|quarter final|"
            "quart de finale|quarts de finale|cuartos de final|quarti di finale|"
            "quartas de final|kwartfinale|viertelfinale|*viertelfinale|ćwierćfinał|"
            "четвертьфинал|čtvrtfinále|čtvrtfinálové|kvartsfinal|kvartfinale|çeyrek final|"
            "準々決勝|四分之一决赛"
        ),
        "round of 16": (
            "round of 16|round of sixteen|last-16|achtelfinale|*achtelfinale|achtelfinal*|"
            "huitième de finale|huitièmes de finale|octavos de final|ottavi di finale|oitavas de final|"
            "achtste finale|achtste finales|1/8 finału|1/8 финала|son 16 turu|son 16 turunda|son 16 turuna|"
            "osmifinále|åttondelsfinal|åttondelsfinalen|ベスト16|16强|16강"
        ),
    },
    "set piece": {  # how a goal was scored
        "penalty": (
            "penalty|penalty kick|penalty spot|spot kick|from the spot|elfmeter|strafstoß|strafstoss|"
            "penalti|rigore|calcio di rigore|pênalti|penálti|strafschop|rzut karny|rzutu karnego|"
            "пенальти|penaltı|straffspark|pénalty|penalty*|elfmeter*"
        ),
        "free kick": (
            "free kick|free-kick|freekick|freistoß|freistoss|freistoß*|coup franc|coup-franc|tiro libre|"
            "calcio di punizione|punizione|tiro livre|cobrança de falta|vrije trap|rzut wolny|"
            "falta directa|tiro de falta|gol de falta|golpe franco|"
            "rzutu wolnego|штрафной|serbest vuruş|frispark"
        ),
        "corner": (
            "corner kick|corner-kick|eckball|eckstoß|saque de esquina|calcio d'angolo|escanteio|"
            "hoekschop|rzut rożny|угловой|korner vuruşu"
        ),
        "_": (
            "penalty area|penalty box|death penalty|penalty points|penalty shootout|penalty shoot-out|"
            "elfmeterschießen|área de penalti"
        ),
    },
    "condition": {
        "new": (
            "new|brand-new|brand new|neu|neue|neuer|neues|neuen|neuf|neuve|neufs|neuves|nuevo|"
            "nueva|nuevos|nuevas|nuovo|nuova|nuovi|nuove|novo|novos|novas|nieuw|nieuwe|nowy|"
            "nowa|nowe|новый|новая|новое|новые|ny|nya|nytt|nye|nyt|uusi|uudet|nový|nová|nové|yeni|"
            "新品|全新|새제품|새상품|신품|newly built|newly-built|new-build|new build|new-built|neubau|"
            "neubau*|nieuwbouw|obra nueva|nuova costruzione|nybyggd|nybygget|nowe budownictwo|unused|"
            "never used|unbenutzt|nie benutzt|non utilisé|jamais utilisé|sin usar|sin estrenar|mai usato|"
            "non usato|ongebruikt|nooit gebruikt|nieużywany|nieużywana|nepoužitý|oanvänd|ej använd|"
            "aldrig använd|ubrugt|ubrukt|käyttämätön|unopened|ungeöffnet|originalverpackt|sin abrir|"
            "non aperto|nieotwierany|nieotwarty|oöppnad|未開封|未使用|新品未開封|未拆封"
        ),
        "used": (
            "used|pre-owned|preowned|second-hand|secondhand|second hand|gebraucht|gebrauchte|"
            "gebrauchter|gebrauchtes|gebrauchten|d'occasion|usado|usada|usados|usadas|"
            "de segunda mano|usato|usata|usati|usate|seminovo|gebruikt|gebruikte|tweedehands|"
            "używany|używana|używane|б/у|中古|二手|like new|like-new|as new|wie neu|neuwertig|"
            "neuwertige|neuwertiger|neuwertiges|comme neuf|comme neuve|como nuevo|como nueva|"
            "come nuovo|come nuova|como novo|como nova|als nieuw|jak nowy|jak nowa|jak nowe|"
            "begagnad|begagnade|begagnat|brugt|brugte|brukt|brukte|käytetty|käytetyt|použitý|"
            "použitá|použité|ikinci el|подержанный|подержанная|중고|som ny|som nytt|som nye|"
            "zo goed als nieuw|z.g.a.n|zgan|so gut wie neu|as good as new|open box|open-box|開封済み|開封済|"
            "開封品|已拆封"
        ),
        "refurbished": (
            "refurbished|renewed|generalüberholt|reconditionné|reconditionnée|reacondicionado|"
            "reacondicionada|ricondizionato|ricondizionata|recondicionado|recondicionada|"
            "gereviseerd|odnowiony|odnowiona|renovated|remodeled|remodelled|renoviert|renovierte|"
            "renoviertes|rénové|rénovée|reformado|reformada|ristrutturato|ristrutturata|"
            "gerenoveerd|gerenoveerde|wyremontowany|wyremontowane|renoverad|renoverat"
        ),
    },
    "kit": {
        "body only": (
            "body only|body-only|nur body|nur gehäuse|nur das gehäuse|boîtier nu|boîtier seul|"
            "solo cuerpo|sólo cuerpo|solo corpo|solo il corpo|somente corpo|somente o corpo|"
            "apenas corpo|alleen body|tylko korpus|ohne akku|without battery|sans batterie|"
            "sin batería|senza batteria|sem bateria|zonder accu|bez akumulatora|ボディのみ|仅机身"
        ),
        "with lens or battery": (
            "with lens|with a lens|with kit lens|kit lens|lens kit|mit objektiv|avec objectif|"
            "con objetivo|con lente|con obiettivo|com lente|com objetiva|met lens|"
            "met objectief|z obiektywem|with battery|with a battery|with batteries|"
            "battery included|batteries included|mit akku|inkl. akku|avec batterie|"
            "con batería|con batteria|com bateria|met accu|z akumulatorem|レンズキット|套机"
        ),
    },
    "wearer": {
        "men": (
            "men's|for men|herren|herren*|hombre|hombres|homme|hommes|messieurs|masculin|"
            "masculine|uomo|masculino|masculina|caballero|heren|heren*|męski|męska|męskie|pánské|"
            "pánská|pánský|erkek|мужской|мужские|メンズ|男士|男款|남성|남성용"
        ),
        "women": (
            "women's|womens|for women|ladies|ladies'|damen|damen*|mujer|mujeres|femme|femmes|"
            "mesdames|féminin|féminine|donna|feminino|feminina|señora|dames|dames*|damski|damska|"
            "damskie|dámské|dámská|dámský|kadın|женский|женские|レディース|女士|女款|여성|여성용"
        ),
    },
    "time of day": {
        "morning": (
            "morning|mornings|in the morning|a.m.|am-clock|matin|le matin|du matin|matinée|*vormittag|"
            "*morgen|*morgens|"
            "por la mañana|de la mañana|mattina|di mattina|del mattino|mattino|morgens|am morgen|"
            "vormittag|vormittags|manhã|de manhã|pela manhã|ochtend|'s ochtends|rano|rankiem|"
            "утром|утра|sabah|sabahı|午前|早上|上午|오전|på morgonen|morgonen|buổi sáng|sáng sớm|सुबह|प्रातः"
        ),
        "afternoon or evening": (
            "afternoon|evening|evenings|in the evening|night|at night|p.m.|pm-clock|après-midi|soir|"
            "*abend|*nachmittag|"
            "le soir|du soir|soirée|nuit|por la tarde|de la tarde|por la noche|de la noche|noche|"
            "pomeriggio|di sera|la sera|serata|notte|di notte|nachmittag|nachmittags|abend|abends|"
            "am abend|nacht|nachts|à tarde|da tarde|à noite|noite|middag|'s middags|avond|'s avonds|"
            "popołudnie|po południu|wieczór|wieczorem|nocą|вечер|вечером|вечера|ночью|днём|akşam|"
            "akşamı|gece|öğleden sonra|午後|夕方|夜|晚上|下午|夜晚|오후|저녁|밤|på kvällen|kvällen|natten|"
            "buổi chiều|buổi tối|ban đêm|शाम|रात|दोपहर"
        ),
        "_": "übermorgen|overmorgen",  # the day after tomorrow
    },
    "opening or closing": {  # an exhibition's or a season's first night is not its last
        "opening": (
            "opening night|opening day|opening ceremony|opening party|opening concert|opening weekend|"
            "vernissage|eröffnungsfeier|eröffnungsabend|soirée d'ouverture|cérémonie d'ouverture|"
            "noche de inauguración|ceremonia de inauguración|serata inaugurale|cerimonia di apertura|"
            "concerto inaugurale|openingsavond|openingsfeest|noite de abertura|cerimônia de abertura"
        ),
        "closing": (
            "closing night|closing day|closing ceremony|closing party|closing concert|closing weekend|"
            "finissage|abschlussfeier|abschlussabend|soirée de clôture|cérémonie de clôture|"
            "noche de clausura|ceremonia de clausura|serata conclusiva|cerimonia di chiusura|"
            "concerto conclusivo|slotavond|slotfeest|noite de encerramento|cerimônia de encerramento"
        ),
    },
    "tide": {
        "high tide": (
            "high tide|high-tide|marée haute|pleamar|marea alta|hochwasser|flut|vloed|hoogwater|"
            "alta marea|maré alta|preia-mar|högvatten|満潮|涨潮"
        ),
        "low tide": (
            "low tide|low-tide|marée basse|bajamar|marea baja|niedrigwasser|ebbe|laagwater|"
            "bassa marea|maré baixa|baixa-mar|lågvatten|干潮|退潮"
        ),
    },
    "setting": {
        "indoor": (
            "indoor|indoors|piscine intérieure|piscina cubierta|piscina climatizada|piscina coperta|"
            "al coperto|piscina coberta|overdekt|overdekte|overdekt zwembad|hallenbad|halle*|kryty|"
            "kryta|kryte|krytý|krytá|крытый|крытая|屋内|室内|실내|inomhus|innendørs|indendørs|de interior|"
            "para interior|de interiores|para interiores|d'intérieur|pour l'intérieur|per interni|da interno|"
            "da interni|für innen|voor binnen|para uso interior"
        ),
        "outdoor": (
            "outdoor|outdoors|open-air|open air|en plein air|plein air|piscine extérieure|"
            "al aire libre|piscina exterior|all'aperto|all'aria aperta|ao ar livre|piscina externa|"
            "openlucht|buitenzwembad|freibad|freiluft*|odkryty|odkryta|venkovní|açık hava|открытый|"
            "открытая|屋外|野外|户外|室外|실외|야외|utomhus|utendørs|udendørs|de exterior|para exterior|"
            "de exteriores|para exteriores|d'extérieur|pour l'extérieur|per esterni|da esterno|da esterni|"
            "für außen|für draußen|voor buiten|para uso exterior"
        ),
    },
    "dwelling": {  # a listing's kind of house; Spanish adosada is either of the joined kinds
        "detached": (
            "detached|detached house|detached home|freistehend|freistehendes|freistehende|"
            "freistehenden|maison individuelle|maison indépendante|casa independiente|"
            "chalet independiente|vivienda independiente|villa indipendente|casa indipendente|"
            "villetta indipendente|vrijstaand|vrijstaande|wolnostojący|wolnostojącym|fristående|"
            "fritliggende"
        ),
        "semi-detached": (
            "semi-detached|semi detached|semidetached|doppelhaushälfte|doppelhaus|maison jumelée|"
            "jumelée|jumelé|casa pareada|chalet pareado|pareado|pareada|adosado|adosada|adosados|"
            "adosadas|bifamiliare|villa bifamiliare|twee-onder-een-kap|2-onder-1-kap|"
            "half-vrijstaand|half vrijstaand|halfvrijstaande|bliźniak|bliźniaka|parhus|dobbelthus"
        ),
        "terraced": (
            "terraced house|terraced home|terraced cottage|terraced property|mid-terrace|"
            "end-terrace|end of terrace|terrace house|townhouse|row house|rowhouse|reihenhaus|"
            "reihenmittelhaus|reihenendhaus|maison mitoyenne|mitoyenne|"
            "adosado|adosada|adosados|adosadas|villetta a schiera|casa a schiera|a schiera|"
            "rijtjeshuis|rijwoning|tussenwoning|szeregowiec|radhus|rækkehus|rekkehus"
        ),
        "_": "detached garage|detached double garage|detached annex|detached annexe|detached workshop",
    },
    "side": {
        "left": (
            "left|left-hand|on the left|to the left|links|linke|linker|linkes|linken|gauche|à gauche|"
            "izquierda|izquierdo|a la izquierda|sinistra|sinistro|a sinistra|esquerda|esquerdo|"
            "à esquerda|lewa|lewy|lewe|po lewej|levá|levý|vlevo|vänster|venstre|vasemmalla|"
            "левая|левый|слева|налево|左側|左侧|向左|左转|左折|왼쪽"
        ),
        "right": (
            "right|right-hand|on the right|to the right|rechts|rechte|rechter|rechtes|rechten|"
            "droite|à droite|derecha|a la derecha|destra|destro|a destra|direita|à direita|prawa|"
            "prawy|prawe|po prawej|pravá|pravý|vpravo|höger|højre|høyre|oikealla|правая|правый|"
            "справа|направо|右側|右侧|向右|右转|右折|오른쪽"
        ),
        # "right" that is no side: right next to the door, the right to vote
        "_": "right now|right after|right before|right away|right next|right here|right there|right behind|"
             "right in front|the right to|all right|right-wing|right wing|"
             "left-wing|left wing|left over|left behind|links und rechts|left and right|left or right",
    },
    "transmission": {
        "automatic": (
            "automatic|automatic transmission|automatik|automatikgetriebe|boîte automatique|automatique|"
            "automático|automática|cambio automatico|automatico|automaat|automatisk|automatyczna|"
            "automatyczny|automatická|otomatik|автомат|автоматическая|オートマ|自动挡|自動變速"
        ),
        "manual": (
            "manual|manual transmission|stick shift|schaltgetriebe|schaltwagen|manuell|manuelle|"
            "boîte manuelle|cambio manual|cambio manuale|manuale|handgeschakeld|manueel|manualna|"
            "manuální|manuel|механика|механическая|マニュアル|手动挡|手排"
        ),
        # a manual that is a booklet: user manual, manual included
        "_": "user manual|instruction manual|owner's manual|owners manual|service manual|manual included|"
             "with manual|manual focus|manual lens|manual winding|manual wind|hand-wound",
    },
    "open or closed": {
        "open": (
            "opening|opens|opened|ouvre|ouvert|ouverte|ouverts|ouvertes|abre|abierto|abierta|aperto|"
            "aperta|öffnet|geöffnet|öffnen|otwiera|otwarty|otwarta|otwarte|открывает|открыт|открыта|"
            "opent|geopend"
        ),
        "closed": (
            "closing|closes|closed|shut|fermé|fermée|fermés|fermées|cierra|cerrado|cerrada|chiude|chiuso|"
            "chiusa|schließt|geschlossen|schließen|zamyka|zamknięty|zamknięta|zamknięte|закрывает|"
            "закрыт|закрыта|sluit|gesloten"
        ),
        # events and hours, not a door: an opening ceremony, opened in 1958, closed-toe shoes
        "_": "opening ceremony|closing ceremony|opening hours|opening times|closing time|grand opening|"
             "opened in|first opened|closed-toe|closed toe|closed on|opening night|opening match|"
             "season opener|cérémonie d'ouverture|cérémonie de clôture",
    },
    "fill": {
        "empty": (
            "empty|emptied|vacío|vacía|vacíos|vacías|vide|vides|leere|leeren|leeres|leerer|vuoto|vuota|"
            "vuoti|vuote|vazio|vazia|leeg|lege|pusty|pusta|puste|пустой|пустая|пустые|tomma|空っぽ"
        ),
        "full": (
            "full of|filled with|packed with|crowded with|voll|volle|voller|plein de|pleine de|pleins de|"
            "lleno|llena|llenos|llenas|pieno|piena|pieni|piene|cheio|cheia|vol met|pełny|pełna|pełen|"
            "полный|полная|полон|полна|いっぱい|满是"
        ),
        # a flea market (vide-grenier) or a house full of character holds nothing
        "_": "vide-grenier|vide-greniers|vide grenier|vide-dressing|full of life|full of character|"
             "full of charm|plein de charme|pleine de charme|voller leben|lleno de vida|pieno di vita|"
             "cheio de vida|vol met leven",
    },
    "child": {
        "boy": (
            "boy|boys|little boy|garçon|garçons|niño|ragazzo|ragazzino|menino|jongen|jongetje|chłopiec|"
            "chłopczyk|мальчик|男孩|男の子|소년|pojke|dreng|gutt"
        ),
        "girl": (
            "girl|girls|little girl|mädchen|fillette|niña|ragazza|ragazzina|menina|meisje|dziewczynka|"
            "девочка|女孩|女の子|소녀|flicka|pige|jente"
        ),
    },
    "gold": {
        "yellow gold": (
            "yellow gold|yellow-gold|gelbgold|or jaune|oro amarillo|oro giallo|ouro amarelo|geelgoud|"
            "żółte złoto|żółtego złota|gult guld|イエローゴールド|옐로우 골드"
        ),
        "white gold": (
            "white gold|white-gold|weißgold|weissgold|or blanc|oro blanco|oro bianco|ouro branco|witgoud|"
            "białe złoto|białego złota|vitguld|ホワイトゴールド|화이트 골드"
        ),
        "rose gold": (
            "rose gold|rose-gold|rotgold|roségold|rosegold|or rose|oro rosa|ouro rosé|ouro rosa|roségoud|"
            "różowe złoto|różowego złota|roséguld|ピンクゴールド|玫瑰金|로즈 골드"
        ),
    },
    # Colours of what a text source names: on for text sources only, since a caption of the image
    # states the colours it sees. Shades (navy, beige, gold, silver) and words that are also other
    # words (rosa, rose, viola, vita, sort, rode, mor) are left out: they decide nothing.
    "colour": {
        "black": (
            "black|schwarz|schwarze|schwarzer|schwarzes|schwarzen|noir|noire|noirs|noires|negro|negra|"
            "negros|negras|nero|nera|neri|nere|preto|preta|pretos|pretas|zwart|zwarte|czarny|czarna|"
            "czarne|czarnego|czarnej|czarnym|чёрный|черный|чёрная|черная|чёрное|черное|чёрные|черные|"
            "чёрного|черного|чёрной|черной|svart|svarta|svarte|musta|mustat|černý|černá|černé|siyah|"
            "黑色|黒い|黒色|ブラック|블랙|검은|검정|검정색"
        ),
        "white": (
            "white|weiß|weiss|weiße|weisse|weißer|weißes|weißen|blanc|blanche|blancs|blanches|blanco|"
            "blanca|blancos|blancas|bianco|bianca|bianchi|bianche|branco|branca|brancos|brancas|wit|"
            "witte|biały|biała|białe|białego|białej|białym|белый|белая|белое|белые|белого|белой|vit|"
            "vitt|hvid|hvide|hvit|hvite|valkoinen|bílý|bílá|bílé|beyaz|白色|白い|ホワイト|화이트|흰|하얀|흰색"
        ),
        "red": (
            "red|rot|rote|roter|rotes|roten|rouge|rouges|rojo|roja|rojos|rojas|rosso|rossa|rossi|rosse|"
            "vermelho|vermelha|vermelhos|vermelhas|rood|czerwony|czerwona|czerwone|czerwonego|"
            "czerwonej|czerwonym|красный|красная|красное|красные|красного|красной|röd|röda|rött|rød|"
            "røde|punainen|červený|červená|červené|kırmızı|红色|紅色|赤い|赤色|レッド|레드|빨간|빨간색|붉은"
        ),
        "green": (
            "green|grün|grüne|grüner|grünes|grünen|vert|verte|verts|vertes|verde|verdes|verdi|groen|"
            "groene|zielony|zielona|zielone|zielonego|zielonej|zielonym|зелёный|зеленый|зелёная|зеленая|"
            "зелёное|зеленое|зелёные|зеленые|grön|gröna|grönt|grøn|grønne|grønn|vihreä|zelený|zelená|"
            "zelené|yeşil|绿色|綠色|緑色|グリーン|그린|초록|초록색|녹색"
        ),
        "blue": (
            "blue|blau|blaue|blauer|blaues|blauen|bleu|bleue|bleus|bleues|azul|azules|blu|azzurro|"
            "azzurra|azzurre|blauw|blauwe|niebieski|niebieska|niebieskie|niebieskiego|niebieskiej|синий|"
            "синяя|синее|синие|синего|синей|голубой|голубая|голубое|голубые|blå|blåa|blått|sininen|modrý|"
            "modrá|modré|mavi|蓝色|藍色|青い|ブルー|블루|파란|파란색"
        ),
        "yellow": (
            "yellow|gelb|gelbe|gelber|gelbes|gelben|jaune|jaunes|amarillo|amarilla|amarillos|amarillas|"
            "giallo|gialla|gialli|gialle|amarelo|amarela|amarelos|amarelas|geel|gele|żółty|żółta|żółte|"
            "żółtego|żółtej|жёлтый|желтый|жёлтая|желтая|жёлтое|желтое|жёлтые|желтые|gul|gula|gult|"
            "keltainen|žlutý|žlutá|žluté|sarı|黄色|黃色|黄色い|イエロー|옐로우|노란|노란색"
        ),
        "grey": (
            "grey|gray|grau|graue|grauer|graues|grauen|gris|grise|grises|grigio|grigia|grigi|grigie|"
            "cinza|cinzento|cinzenta|grijs|grijze|szary|szara|szare|szarego|szarej|серый|серая|серое|"
            "серые|серого|серой|grå|gråa|grått|harmaa|šedý|šedá|šedé|gri|灰色|グレー|グレイ|그레이|회색"
        ),
        "brown": (
            "brown|braun|braune|brauner|braunes|braunen|marron|brun|brune|bruns|brunes|marrón|marrones|"
            "marrone|marroni|castanho|castanha|marrom|bruin|bruine|brązowy|brązowa|brązowe|коричневый|"
            "коричневая|коричневое|коричневые|bruna|brunt|ruskea|hnědý|hnědá|hnědé|kahverengi|棕色|"
            "咖啡色|褐色|茶色|ブラウン|브라운|갈색"
        ),
        "pink": (
            "pink|roze|różowy|różowa|różowe|розовый|розовая|розовое|розовые|rosado|rosada|rosados|"
            "rosadas|cor-de-rosa|pembe|růžový|růžová|粉色|粉红色|粉紅色|ピンク|핑크|분홍|분홍색"
        ),
        "purple": (
            "purple|violett|violette|lila|violet|morado|morada|roxo|roxa|paars|paarse|fioletowy|"
            "fioletowa|fioletowe|фиолетовый|фиолетовая|violetti|fialový|fialová|紫色|パープル|퍼플|보라|보라색"
        ),
        "orange": (
            "orange|orangefarben|naranja|arancione|laranja|oranje|pomarańczowy|pomarańczowa|"
            "pomarańczowe|оранжевый|оранжевая|оранжевое|turuncu|橙色|オレンジ|오렌지|주황|주황색"
        ),
        "_": (
            "black and white|black-and-white|black & white|b&w|schwarz-weiß|schwarzweiß|"
            "schwarz-weiss|schwarzweiss|schwarz-weiße|schwarz-weißer|schwarz-weißes|schwarz-weißen|"
            "schwarz-weißem|schwarzweiße|schwarzweißer|schwarzweißes|schwarzweißen|noir et blanc|"
            "noir & blanc|noir-blanc|blanco y negro|"
            "bianco e nero|bianconero|preto e branco|preto-e-branco|zwart-wit|zwartwit|czarno-białe|"
            "czarno-biały|czarno-biała|czarno-białym|черно-белое|черно-белый|черно-белая|чёрно-белое|"
            "чёрно-белый|чёрно-белая|svartvit|svartvitt|svartvita|siyah beyaz|siyah-beyaz|白黒|黑白|흑백|"
            "white background|white backdrop|on white|isolated on white|weißem hintergrund|"
            "weißer hintergrund|weißen hintergrund|fond blanc|fondo blanco|sfondo bianco|"
            "fundo branco|witte achtergrond|białym tle|белом фоне|白背景|白い背景|흰 배경|blu-ray|blu ray|"
            "red carpet|tapis rouge|roter teppich|alfombra roja|tappeto rosso|tapete vermelho|"
            "rode loper|black friday|green card|grey area|gray area|white-collar|blue-collar|"
            "red-light district|red light district|red-carpeted|red carpeted|白色背景|白底|"
            "흰색 배경|하얀 배경|"
            "silver medal|silbermedaille|médaille d'argent|medalla de plata|medaglia d'argento|"
            "yellow gold|white gold|rose gold|or jaune|or blanc|oro amarillo|oro blanco|oro giallo|"
            "oro bianco|ouro amarelo|ouro branco|white-gold|yellow-gold|"
            "الدار البيضاء|بالدار البيضاء|للدار البيضاء"  # Casablanca, "the white house"
        ),
    },
    "weather": {
        "rain": (
            "rain|rainfall|rainy|raining|downpour|downpours|regen|regnerisch|starkregen|pluie|pluies|"
            "pluvieux|lluvia|lluvias|lluvioso|pioggia|piogge|piovoso|chuva|chuvas|chuvoso|regenachtig|"
            "regn|regnig|deszcz|deszczu|deszczowy|дождь|дожде|雨天|大雨"
        ),
        "snow": (
            "snow|snowfall|snowy|snowing|snowstorm|blizzard|schnee|schneefall|verschneit|neige|"
            "enneigé|enneigée|nieve|neve|nevicata|innevato|sneeuw|besneeuwd|snö|snøen|"
            "śnieg|śniegu|снег|снегу|雪景|大雪"
        ),
    },
    "sun": {
        "sunrise": (
            "sunrise|sunrises|dawn|daybreak|sunup|lever du soleil|lever de soleil|aube|amanecer|"
            "salida del sol|alba|sorgere del sole|nascer do sol|nascer-do-sol|zonsopgang|"
            "sonnenaufgang|wschód słońca|wschodzie słońca|восход|рассвет|рассвете|gün doğumu|"
            "gündoğumu|şafak|soluppgång|solopgang|soloppgang|auringonnousu|východ slunce|"
            "bình minh|日の出|朝日|日出|일출"
        ),
        "sunset": (
            "sunset|sunsets|dusk|sundown|coucher du soleil|coucher de soleil|crépuscule|atardecer|"
            "puesta de sol|puesta del sol|tramonto|pôr do sol|pôr-do-sol|entardecer|"
            "zonsondergang|sonnenuntergang|abenddämmerung|zachód słońca|zachodzie słońca|закат|"
            "закате|gün batımı|günbatımı|solnedgång|solnedgang|auringonlasku|západ slunce|"
            "hoàng hôn|日没|夕日|夕焼け|日落|夕阳|夕陽|일몰|노을"
        ),
    },
    "season": {
        "spring": (
            "spring|springtime|frühling|frühlings*|frühjahr|frühjahrs*|printemps|printanier|printanière|"
            "primavera|primaveral|primaverile|voorjaar|voorjaars*|wiosna|wiosną|wiosenny|wiosenne|весна|"
            "весной|весенний|весеннее|весенние|våren|vårens|forår|foråret|kevät|keväällä|ilkbahar|春天|春季|봄|"
            "春の|早春|晩春|春先"
        ),
        "summer": (
            "summer|summertime|sommer|sommer*|*sommer|l'été|en été|cet été|d'été|estival|estivale|verano|"
            "veraniego|d'estate|in estate|l'estate|estivo|estiva|estivi|estive|verão|zomer|zomer*|"
            "zomerse|latem|letni|letnie|лето|летом|летний|летнее|летние|sommar|sommaren|sommarens|"
            "kesä|kesällä|yaz|yazın|夏天|夏季|여름|夏の|真夏|初夏|盛夏"
        ),
        "autumn": (
            "autumn|autumnal|fall foliage|fall colors|fall colours|fall leaves|in the fall|this fall|"
            "fall season|early fall|late fall|herbst|herbst*|*herbst|herbstlich|herbstliche|herbstlichen|"
            "automne|automnal|automnale|otoño|otoñal|autunno|autunnale|outono|outonal|herfst|herfst*|"
            "herfstige|najaar|jesień|jesienią|jesienny|jesienne|осень|осенью|осенний|осеннее|осенние|"
            "hösten|höst|höstens|efterår|efteråret|høsten|syksy|syksyllä|sonbahar|秋天|秋季|가을|podzim|"
            "秋の|晩秋|初秋|"
            "na podzim|podzimní"
        ),
        "winter": (
            "winter|winter*|*winter|wintertime|wintry|winterlich|winterliche|winterlichen|hiver|hivernal|"
            "hivernale|invierno|invernal|inverno|invernale|wintere|zima|zimą|zimowy|zimowe|зима|зимой|"
            "зимний|зимнее|зимние|vinter|vintern|vinterns|talvi|talvella|kış|kışın|冬天|冬季|겨울|v zimě|"
            "zimní|zimě|冬の|真冬|初冬|厳冬"
        ),
        "_": (
            "hot spring|hot springs|spring water|spring onion|spring onions|box spring|spring roll|"
            "spring rolls|spring-loaded|spring mattress|spring festival|summer palace|summer school|"
            "summer olympics|indian summer|été indien|winter palace|winter olympics|winter garden|"
            "wintergarten|winterthur|sommerfeld|sommerset|primavera sound|winterfell"
        ),
    },
    "person": {
        "man": (
            "man|men|gentleman|gentlemen|mann|männer|homme|hommes|hombre|hombres|uomo|uomini|homem|"
            "homens|mężczyzna|mężczyźni|мужчина|мужчины|мужчину|男性|男人|男子|남자|남성|erkek"
        ),
        "woman": (
            "woman|women|lady|ladies|frau|frauen|femme|femmes|mujer|mujeres|donna|donne|mulher|mulheres|"
            "vrouw|vrouwen|kobieta|kobiety|kobietę|женщина|женщины|женщину|kvinna|kvinnor|kvinnan|kvinde|kvinder|kvinne|"
            "女性|女人|女子|여자|여성|kadın"
        ),
        "_": "man utd|man united|man city|isle of man|pac-man|iron man|spider-man|batman|superman",
    },
    "animal": {
        "dog": (
            "dog|dogs|puppy|puppies|hund|hunde|welpe|welpen|chien|chiens|chiot|chiots|perro|perros|"
            "cachorro|cachorros|perrito|cani|cucciolo|cuccioli|cão|cães|hond|honden|pup|szczeniak|"
            "собака|собаки|собаку|щенок|hundar|valp|koira|köpek|犬|狗|小狗|강아지"
        ),
        "cat": (
            "cat|cats|kitten|kittens|katze|katzen|kätzchen|kater|chaton|chatons|gato|gatos|gatito|"
            "gatitos|gatinho|gatto|gatti|gattino|gattini|kat|katten|kot|koty|kotek|кошка|кошки|кот|"
            "котёнок|котенок|katt|katter|kattunge|kissa|kedi|猫|貓|고양이"
        ),
        "horse": (
            "horse|horses|pony|ponies|foal|pferd|pferde|fohlen|cheval|chevaux|poulain|caballo|caballos|"
            "cavallo|cavalli|cavalo|cavalos|paard|paarden|koń|konie|лошадь|лошади|конь|häst|hästar|"
            "hest|heste|hevonen"
        ),
        "cow": (
            "cow|cows|cattle|kuh|kühe|rinder|kalb|vache|vaches|vaca|vacas|mucca|mucche|"
            "koe|koeien|krowa|krowy|корова|коровы|lehmä|inek"
        ),
        "sheep": (
            "sheep|schaf|schafe|mouton|moutons|brebis|oveja|ovejas|pecora|pecore|ovelha|ovelhas|schaap|"
            "schapen|owca|owce|овца|овцы|koyun|绵羊|ヒツジ"
        ),
        "goat": (
            "goat|goats|ziege|ziegen|cabra|cabras|capra|capre|geit|geiten|koza|kozy|коза|козы|keçi|山羊|ヤギ|"
            "염소"
        ),
        "pig": (
            "pig|pigs|piglet|piglets|schwein|schweine|ferkel|cochon|cochons|cerdito|maiale|maiali|porco|"
            "varken|varkens|świnia|свинья|свиньи|domuz|豚|猪|돼지"
        ),
        "duck": (
            "duck|ducks|ente|enten|canard|canards|pato|patos|anatra|anatre|eend|eenden|kaczka|kaczki|"
            "утка|утки|ördek|鸭|鴨|アヒル|오리"
        ),
        "swan": (
            "swan|swans|schwan|schwäne|cygne|cygnes|cisne|cisnes|cigno|cigni|zwaan|zwanen|łabędź|лебедь|"
            "лебеди|svan|kuğu|天鹅|白鳥|백조"
        ),
        "goose": "goose|geese|gans|gänse|oie|oies|ganso|gansos|gås|gäss|gęś|гусь|鹅|ガチョウ|거위",
        "chicken": (
            "hen|hens|rooster|chickens|huhn|hühner|henne|poule|poules|gallina|gallinas|galinha|galinhas|"
            "kippen|kura|курица|tavuk|鶏|닭"
        ),
        "lion": (
            "lion|lions|löwe|löwen|lionne|león|leones|leone|leoni|leão|leeuw|lew|лев|lejon|aslan|狮子|"
            "ライオン"
        ),
        "tiger": "tiger|tigers|tigre|tigres|tigri|tijger|tygrys|тигр|kaplan|老虎|호랑이",
        "bear": "bear|bears|bär|bären|oso|osos|orso|orsi|urso|niedźwiedź|медведь|ayı|곰",
        "elephant": (
            "elephant|elephants|elefant|elefanten|éléphant|éléphants|elefante|elefantes|elefanti|olifant|"
            "słoń|слон|大象|ゾウ|코끼리"
        ),
        "giraffe": (
            "giraffe|giraffes|giraffen|girafe|girafes|jirafa|jirafas|giraffa|giraffe|girafa|żyrafa|жираф|"
            "zürafa|长颈鹿|기린"
        ),
        "camel": (
            "camel|camels|kamel|kamele|chameau|chameaux|dromadaire|camello|camellos|cammello|camelo|"
            "kameel|wielbłąd|верблюд|骆驼|ラクダ|낙타"
        ),
        "deer": (
            "deer|hirsch|reh|rehe|cerf|cerfs|biche|ciervo|ciervos|venado|cervo|cervi|hert|herten|jeleń|"
            "олень|hjort|geyik|사슴"
        ),
        "rabbit": (
            "rabbit|rabbits|bunny|hase|kaninchen|lapin|lapins|conejo|conejos|coniglio|conigli|coelho|"
            "konijn|królik|кролик|kanin|tavşan|兔子|うさぎ|ウサギ|토끼"
        ),
        "_": (
            "hot dog|hot dogs|hotdog|热狗|ホットドッグ|sea lion|sea lions|pit bull|pitbull|prairie dog|"
            "cat's eye|catwalk|cat walk|bear market|bull market|teddy bear|gummy bear|gummy bears|"
            "dog-eared|horsepower|horse power|seahorse|sea horse|rocking horse|dark horse"
        ),
    },
    "journey": {
        "arrival": (
            "arrive|arrives|arriving|arrived|arrival|lands at|landed at|landing at|touches down|"
            "lands|landet|landung|atterrit|atterrissage|aterriza|aterrizaje|aterrizando|atterra|"
            "atterraggio|aterrar|aterra|aterragem|aterrissa|aterrissagem|pousa|landt|ląduje|lądowanie|"
            "touched down|ankunft|ankommen|kommt an|arrivée|arrivant|llegada|llega a|llegando|arrivo|"
            "arriva a|chegada|chega a|aankomst|przylot|przyjazd|прибытие|прибывает|到着|到达|抵达|도착"
        ),
        "departure": (
            "depart|departs|departing|departed|departure|takes off|taking off|took off|take-off|"
            "takeoff|leaves for|leaving for|left for|abflug|abfahrt|fliegt ab|départ|décolle|décollage|"
            "descolar|descola|descolagem|decolar|decolagem|despegando|decollando|"
            "despega|despegue|partenza|decolla|decollo|decola|vertrek|vertrekt|odlot|odjazd|"
            "отправление|вылет|出発|出发|起飞|출발|이륙"
        ),
    },
    "trip": {  # a fare's or a hike's way: one way is half a round trip
        "one way": (
            "one way|one-way|single ticket|single fare|aller simple|solo ida|sólo ida|einfache fahrt|"
            "einfache strecke|enkele reis|solo andata|só ida|somente ida|w jedną stronę|в одну сторону|"
            "片道|单程|單程|편도"
        ),
        "round trip": (
            "round trip|round-trip|roundtrip|return trip|return ticket|return fare|there and back|"
            "aller-retour|aller retour|ida y vuelta|ida e volta|hin und zurück|hin- und rückfahrt|"
            "heen en terug|andata e ritorno|tam i z powrotem|w obie strony|туда и обратно|往復|往返|왕복"
        ),
    },
    "material": {
        "cotton": (
            "cotton|baumwolle|baumwoll*|coton|algodón|cotone|algodão|katoen|bawełna|bawełniany|"
            "bawełniana|bawełniane|хлопок|хлопковый|bomull|puuvilla|bavlna|pamuk|纯棉|棉质|コットン"
        ),
        "wool": (
            "wool|woollen|woolen|wolle|woll*|laine|lana|lã|wol|wełna|wełniany|wełniana|wełniane|шерсть|"
            "шерстяной|шерстяное|ull|vlna|yün|羊毛|ウール|cashmere|kaschmir|cachemire|cachemira|merino|"
            "merinowolle|alpaca|alpaka"
        ),
        "silk": (
            "silk|seide|seiden*|soie|seda|zijde|jedwab|jedwabny|шёлк|шелк|шёлковый|шелковый|siden|silkki|"
            "hedvábí|ipek|丝绸|真丝|シルク|실크"
        ),
        "linen": "linen|leinen|linho|linnen|лён|льняной|pellava|keten|亚麻|リネン|린넨",
        "polyester": "polyester|poliéster|poliestere|poliester|полиэстер|聚酯|ポリエステル",
        # wood as a material beside stone and metal (a wooden board -> a marble board); "wood"
        # alone is also a forest, "Madeira" an island
        "wood": (
            "wooden|timber|hölzern|hölzerne|hölzernen|holzbrett|en bois|de madera|di legno|de madeira|"
            "houten|drewniany|drewniana|drewniane|деревянный|деревянная|деревянное|av trä|puinen|"
            "dřevěný|dřevěná|ahşap|木製|木质|원목"
        ),
        # suede is leather with a napped finish: smooth leather is not suede
        "suede": (
            "suede|suède|wildleder|daim|camoscio|camurça|zamsz|zamszowy|mocka|замша|замшевый|"
            "スエード|스웨이드"  # not Spanish "ante", also "before"
        ),
        "leather": (
            "leather|leder|leder*|cuir|cuero|couro|skóra|skórzany|skórzana|skórzane|кожаный|"
            "кожаная|läder|nahka|kůže|kožený|deri|皮革|真皮|レザー|가죽|δερμάτινο|δερμάτινος|δερμάτινη|"
            "δερμάτινα"
        ),
        "oak": (
            "oak|eiche|eichen*|chêne|roble|rovere|quercia|carvalho|eiken|dębowy|dębowa|dębowe|дуб|"
            "дубовый|tammi|dubový|meşe|橡木|オーク|오크|δρύινο|δρύινος|δρύινη"
        ),
        "pine": (
            "pine|kiefer|kiefern*|pino|pinho|grenen|sosna|sosnowy|сосна|сосновый|furu|mänty|borovice|çam|"
            "松木|パイン"
        ),
        "walnut": (
            "walnut|nussbaum|noyer|nogal|nogueira|notenhout|orzechowy|ореховый|valnöt|ořech|ceviz|胡桃木|"
            "ウォールナット"
        ),
        "beech": "beech|buche|buchen*|hêtre|faggio|faia|beuken|bukowy|буковый|pyökki|kayın|榉木",
        "teak": "teak|teck|teca|tiikki|柚木|チーク",
        "bamboo": "bamboo|bambus|bambou|bambú|bambù|bambu|bamboe|бамбук|バンブー|대나무",
        "mahogany": "mahogany|mahagoni|acajou|caoba|mogano|mogno|mahonie|マホガニー",
        "rosewood": "rosewood|palisander|palissandre|palisandro|palissandro|jacarandá|紫檀|ローズウッド",
        "maple": (
            "maple|ahorn|érable|arce|ácer|esdoorn|klon|клён|клен|lönn|vaahtera|javor|akçaağaç|枫木|メープル"
        ),
        "birch": "birch|birke|birken*|bouleau|abedul|betulla|bétula|berken|brzoza|brzozowy|берёза|берёзовый|"
                 "björk|koivu|bříza|huş|白桦|バーチ",
        "cedar": "cedar|zeder|zedern*|cèdre|cedro|ceder|cedr|кедр|кедровый|sedir|雪松|シダー",
        "acacia": "acacia|akazie|akazien*|acácia|akacja|акация|akát|akasya|相思木|アカシア",
        "marble": (
            "marble|marmor|marbre|mármol|marmo|mármore|marmer|marmur|мрамор|мраморный|mermer|大理石|"
            "대리석|μάρμαρο|μαρμάρινο|μαρμάρινος|μαρμάρινη|μαρμάρινα"
        ),
        "granite": "granite|granit|granito|graniet|гранит|гранитный|花岗岩|御影石|화강암",
        "bronze": (
            "bronze|bronce|bronzo|brons|brąz|бронза|бронзовый|bronz|青铜|青銅|ブロンズ|청동|μπρούντζινο|"
            "μπρούντζινος|μπρούντζινη|χάλκινο|χάλκινος|χάλκινη|χάλκινα"
        ),
        "steel": (
            "steel|stainless steel|stainless|edelstahl|stahl|acier|acier inoxydable|inox|acero|"
            "acero inoxidable|acciaio|acciaio inox|acciaio inossidabile|aço|aço inoxidável|staal|"
            "roestvrij staal|rvs|stal nierdzewna|stali nierdzewnej|нержавеющая сталь|нержавейка|"
            "rostfritt stål|rustfrit stål|rustfritt stål|ruostumaton teräs|nerezová ocel|nerez|"
            "paslanmaz çelik|不锈钢|ステンレス|스테인리스"
        ),
        "cast iron": (
            "cast iron|cast-iron|gusseisen|gusseisern*|gußeisen|en fonte|hierro fundido|ghisa|"
            "wrought iron|wrought-iron|schmiedeeisen|schmiedeeisern*|fer forgé|hierro forjado|ferro battuto|"
            "ferro forjado|smeedijzer|smeedijzeren|kute żelazo|smedejern|smidesjärn|"
            "ferro fundido|gietijzer|gietijzeren|żeliwo|żeliwny|żeliwna|żeliwne|чугун|чугунный|"
            "чугунная|gjutjärn|støbejern|støpejern|valurauta|litina|litinový|döküm|铸铁|鋳鉄|주철"
        ),
        "brass": (
            "brass|messing|laiton|latón|ottone|latão|mosiądz|латунь|mässing|messinki|mosaz|真鍮|黄铜|황동"
        ),
        "copper": (
            "copper|kupfer|cuivre|cobre|rame|miedź|медь|медный|koppar|kobber|kupari|měď|bakır|紫铜|구리"
        ),
        "aluminium": (
            "aluminium|aluminum|alu|aluminio|alluminio|alumínio|aluminiowy|aluminiowa|aluminiowe|"
            "алюминий|алюминиевый|alumiini|hliník|alüminyum|铝合金|アルミ|アルミニウム|알루미늄"
        ),
        "ceramic": (
            "ceramic|ceramics|keramik|keramik*|céramique|cerámica|ceramica|cerâmica|keramiek|ceramika|"
            "ceramiczny|ceramiczna|ceramiczne|керамика|керамический|керамическая|seramik|陶瓷|陶器|"
            "セラミック|세라믹|porcelain|porzellan|porcelaine|porcelana|porcellana|porselein|porcelanowy|"
            "porcelanowa|porcelanowe|фарфор|фарфоровый|porslin|porselen|磁器|瓷器|stoneware|steinzeug|"
            "grès|earthenware|terracotta|terre cuite|faience|faïence|steengoed"
        ),
        "glass": (
            "glass|glas|verre|vidrio|vetro|vidro|szkło|szklany|szklana|szklane|стекло|стеклянный|"
            "стеклянная|lasi|sklo|skleněný|ガラス|玻璃|유리"
        ),
        "plastic": (
            "plastic|plastik|plastique|plástico|plastica|kunststof|kunststoff|kunststoff*|tworzywo|"
            "пластик|пластиковый|пластиковая|muovi|プラスチック|塑料|플라스틱"
        ),
        "velvet": (
            "velvet|samt*|velours|terciopelo|velluto|veludo|fluweel|aksamit|бархат|sammet|fløjl|"
            "fløyel|sametti|samet|kadife|天鹅绒|ベルベット|벨벳"
        ),
        "_": (
            "copper age|kupferzeit|steel blue|stahlblau|bleu acier|"
            "bronze medal|bronze medals|bronzemedaille|médaille de bronze|medalla de bronce|"
            "medaglia di bronzo|bronze age|bronzezeit|âge du bronze|edad del bronce|età del bronzo|"
            "pine nut|pine nuts|pine cone|pine cones|pinecone|pinienkerne|wool felt|"
            # a glass to drink from, one to look through: no material
            "wine glass|wine glasses|glass of|a glass|magnifying glass|looking glass|sea glass|"
            "glass ceiling|weinglas|verre de|verre à|un verre|bicchiere di vetro|"
            # linens to sleep under, of any fabric
            "bed linen|bed linens|bedlinen|table linen|table linens|linen set|linen closet|linen cupboard|"
            "bettwäsche-set|linge de lit|linge de maison"
        ),
    },
    "vehicle": {
        "bus": (
            "bus|buses|busse|trolleybus|autobus|autobusy|omnibus|autobús|autobuses|autocarro|ônibus|"
            "bussen|автобус|автобусы|buss|bussar|otobüs|公交车|巴士|버스"
        ),
        "tram": (
            "tram|trams|streetcar|tramway|straßenbahn|tramvía|tranvía|bonde|elétrico|tramwaj|трамвай|"
            "spårvagn|raitiovaunu|tramvaj|tramvay|有轨电车|路面電車|トラム|트램"
        ),
        "train": (
            "train|trains|zug|züge|treno|treni|tren|trenes|trem|trens|trein|treinen|pociąg|pociągi|поезд|"
            "tåg|juna|vlak|火车|列车|列車|電車|기차|열차"
        ),
        "bicycle": (
            "bicycle|bicycles|fahrrad|fahrräder|vélo|vélos|bicicleta|bicicletas|bicicletta|biciclette|"
            "bici|fiets|fietsen|rower|rowery|велосипед|cykel|cyklar|polkupyörä|kolo|bisiklet|自行车|自転車|자전거"
        ),
        "motorcycle": (
            "motorcycle|motorcycles|motorbike|motorbikes|motorrad|motorräder|moto|motos|motocicleta|"
            "motocicletta|motocykl|мотоцикл|motorcykel|moottoripyörä|motorka|motosiklet|摩托车|バイク|오토바이"
        ),
        "_": "training|train station|bus station|tram stop|bus stop",
    },
    "berry": {
        "strawberry": (
            "strawberry|strawberries|erdbeere|erdbeeren|erdbeer*|fraise|fraises|fresa|fresas|frutilla|"
            "frutillas|fragola|fragole|morango|morangos|aardbei|aardbeien|truskawka|truskawki|клубника|"
            "jordgubbe|jordgubbar|jordgubbs*|jordbær*|mansikka|mansikat|jahoda|jahody|çilek|草莓|いちご|イチゴ|苺|딸기"
        ),
        "raspberry": (
            "raspberry|raspberries|himbeere|himbeeren|himbeer*|framboise|framboises|frambuesa|frambuesas|"
            "lampone|lamponi|framboesa|framboesas|framboos|frambozen|maliny|малина|hallon|vadelma|"
            "vadelmat|ahududu|覆盆子|树莓|ラズベリー|라즈베리|hallon*|hindbær*|bringebær*"
        ),
        "blueberry": (
            "blueberry|blueberries|heidelbeere|heidelbeeren|heidelbeer*|blaubeere|blaubeeren|blaubeer*|"
            "myrtille|myrtilles|arándano|arándanos|mirtillo|mirtilli|mirtilo|mirtilos|bosbes|bosbessen|"
            "blauwe bessen|borówka|borówki|черника|голубика|blåbär|mustikka|mustikat|borůvka|borůvky|"
            "yaban mersini|蓝莓|ブルーベリー|블루베리|blåbärs*|blåbær*"
        ),
        "blackberry": (
            "blackberry|blackberries|brombeere|brombeeren|brombeer*|mûres|moras|amora|amoras|braam|"
            "bramen|jeżyna|jeżyny|ежевика|björnbär|karhunvatukka|ostružina|böğürtlen|黑莓|ブラックベリー|블랙베리"
        ),
        "_": "strawberry blonde|strawberry-blonde",
    },
    "fruit": {
        "apple": (
            "apple|apples|apfel|äpfel|apfel*|pomme|pommes|manzana|manzanas|mela|mele|maçã|maçãs|appel|"
            "appels|jabłko|jabłka|яблоко|яблоки|äpple|äpplen|æble|æbler|eple|epler|omena|omenat|jablko|"
            "jablka|elma|苹果|りんご|リンゴ|사과"
        ),
        "pear": (
            "pear|pears|birne|birnen|birnen*|poire|poires|pera|peras|pere|peren|gruszka|gruszki|груша|"
            "груши|päron|pære|pærer|päärynä|hruška|hrušky|armut|洋梨|梨"
        ),
        "peach": (
            "peach|peaches|pfirsich|pfirsiche|pfirsich*|melocotón|melocotones|durazno|duraznos|pesche|"
            "pêssego|pêssegos|perzik|perziken|brzoskwinia|brzoskwinie|персик|персики|persika|fersken|"
            "persikka|broskev|şeftali|桃子|복숭아"
        ),
        "plum": (
            "plum|plums|pflaume|pflaumen|pflaumen*|zwetschge|zwetschgen|zwetschgen*|prune|prunes|ciruela|"
            "ciruelas|prugna|prugne|ameixa|ameixas|pruim|pruimen|śliwka|śliwki|слива|сливы|plommon|"
            "blomme|blommer|plomme|plommer|luumu|luumut|švestka|švestky|李子|プラム|자두"
        ),
        "apricot": (
            "apricot|apricots|aprikose|aprikosen|aprikosen*|abricot|abricots|albaricoque|albaricoques|"
            "albicocca|albicocche|abrikoos|abrikozen|morela|morele|абрикос|абрикосы|aprikos|aprikoser|"
            "aprikoosi|meruňka|kayısı|杏子|アプリコット|살구"
        ),
        "cherry": (
            "cherry|cherries|kirsche|kirschen|kirsch*|cereza|cerezas|ciliegia|ciliegie|cereja|cerejas|"
            "kersen|wiśnia|wiśnie|вишня|черешня|körsbär|kirsebær|kirsikka|kirsikat|třešně|kiraz|樱桃|"
            "さくらんぼ|체리"
        ),
        "banana": (
            "banana|bananas|banane|bananen|bananen*|plátano|plátanos|banaan|bananen|banan|banany|банан|"
            "бананы|banaani|muz|香蕉|バナナ|바나나"
        ),
        "_": (
            "pomme de terre|pommes de terre|pommes frites|apple watch|apple tv|big apple|cherry blossom|"
            "cherry blossoms|cherry tomato|cherry tomatoes|kirschblüte|kirschblüten|cerezo en flor|"
            "fleur de cerisier|pear-shaped|birnenförmig|cherry-picked|cherry picker"
        ),
    },
    "flower": {
        "tulip": (
            "tulip|tulips|tulpe|tulpen|tulipe|tulipes|tulipán|tulipanes|tulipano|tulipani|tulipa|tulipas|"
            "tulp|tulipan|tulipany|тюльпан|тюльпаны|tulpan|tulpaner|tulppaani|lale|郁金香|チューリップ|튤립"
        ),
        "sunflower": (
            "sunflower|sunflowers|sonnenblume|sonnenblumen|tournesol|tournesols|girasol|girasoles|"
            "girasole|girasoli|girassol|girassóis|zonnebloem|zonnebloemen|słonecznik|słoneczniki|"
            "подсолнух|подсолнухи|подсолнечник|solros|solrosor|auringonkukka|slunečnice|ayçiçeği|向日葵|"
            "ひまわり|해바라기"
        ),
        "peony": (
            "peony|peonies|pfingstrose|pfingstrosen|pivoine|pivoines|peonía|peonías|peonia|peonie|peônia|"
            "peônias|pioen|pioenen|piwonia|piwonie|пион|пионы|pioner|pioni|pivoňka|şakayık|牡丹|芍药|芍薬|작약"
        ),
        "orchid": (
            "orchid|orchids|orchidee|orchideen|orchidée|orchidées|orquídea|orquídeas|orchidea|orchidej|"
            "орхидея|орхидеи|orkidé|orkidea|orkide|兰花|난초"
        ),
        "lily": (
            "lilies|lilie|lilien|lirio|lirios|giglio|gigli|lírio|lírios|lelie|lelies|lilia|lilie|лилия|"
            "лилии|liljor|百合|ユリ|백합"
        ),
        "lavender": "lavender|lavendel|lavande|lavanda|levandule|лаванда|lavanta|薰衣草|ラベンダー|라벤더",
        "hydrangea": (
            "hydrangea|hydrangeas|hortensie|hortensien|hortensia|hortensias|ortensia|ortensie|hortênsia|"
            "hortensja|гортензия|ortanca|绣球花|アジサイ|紫陽花|수국"
        ),
        "poppy": (
            "poppy|poppies|mohnblume|mohnblumen|coquelicot|coquelicots|amapola|amapolas|papavero|"
            "papaveri|papoula|papoulas|klaproos|klaprozen|маки|vallmo|vallmor|unikko|gelincik|罂粟|虞美人|양귀비"
        ),
        "_": "water lily|water lilies|seerose|seerosen|nénuphar|nénuphars|nenúfar|ninfea|ninfee",
    },
    "allowed": {  # pets, smoking, entry: allowed or not
        "allowed": (
            "allowed|permitted|pets welcome|dogs welcome|pet-friendly|pet friendly|dog-friendly|"
            "dog friendly|erlaubt|gestattet|hunde willkommen|autorisé|autorisés|acceptés|admitidos|"
            "permitidos|permitido|ammessi|ammesso|consentito|consentiti|aceitos|toegestaan|dozwolone|"
            "dozwolony|tilladt|tillatt|tillåtna|tillåtet"
        ),
        "not allowed": (
            "not allowed|not permitted|no pets|no dogs|no smoking|not welcome|nicht erlaubt|nicht gestattet|"
            "verboten|keine haustiere|keine hunde|interdit|interdits|non autorisé|non autorisés|"
            "non acceptés|prohibido|prohibidos|no se admiten|no permitidos|no admitidos|non ammessi|"
            "non consentito|vietato|vietati|proibido|proibidos|não permitido|não são permitidos|"
            "niet toegestaan|verboden|zabronione|zakaz|nie są dozwolone|ikke tilladt|ikke tillatt|"
            "inte tillåtna|förbjudet"
        ),
    },
    # Family: a son for a daughter, a mother for a father. Each pair is its own group: a caption's
    # "her son" for a source's "a mother and child" decides nothing.
    "offspring": {
        "son": "son|sons|sohn|söhne|fils|hijo|figlio|filho|zoon|syn|сын|сына|息子|儿子|아들",
        "daughter": (
            "daughter|daughters|tochter|töchter|hija|hijas|figlia|figlie|filha|filhas|dochter|córka|"
            "córką|дочь|дочка|дочерью|娘|女儿|딸"
        ),
        # French "son" is "his": the English word only in English phrases
        "_": "son et|son fils|son père|son amie|son ami|son chien|son mari|son enfant",
    },
    "parent": {
        "father": (
            "father|fathers|dad|daddy|vater|väter|père|padre|papá|pai|vader|ojciec|отец|папа|父亲|爸爸|"
            "아버지|아빠"
        ),
        "mother": (
            "mother|mothers|mom|mum|mommy|mummy|mutter|mütter|mère|madre|mamá|mãe|moeder|matka|мать|мама|"
            "母亲|妈妈|어머니|엄마"
        ),
        "_": (
            "mother's day|mothers day|mother’s day|father's day|fathers day|mother nature|"
            "mother of pearl|mother-of-pearl|mother tongue|mother ship|founding fathers|holy father|"
            "mother superior|muttertag|vatertag|fête des mères|fête des pères|día de la madre|"
            "día del padre|dia das mães|dia dos pais|moederdag|vaderdag|padre pio"
        ),
    },
    "grandparent": {
        "grandfather": (
            "grandfather|grandfathers|grandpa|granddad|grandad|großvater|grossvater|opa|grand-père|papi|"
            "abuelo|nonno|avô|grootvader|dziadek|дедушка|дед|祖父|爷爷|할아버지"
        ),
        "grandmother": (
            "grandmother|grandmothers|grandma|granny|großmutter|grossmutter|oma|grand-mère|mamie|abuela|"
            "nonna|avó|grootmoeder|babcia|бабушка|祖母|奶奶|할머니"
        ),
        "_": "grandfather clock|grandfather clocks",
    },
    "sibling": {
        "brother": (
            "brother|brothers|bruder|brüder|frère|frères|hermano|fratello|irmão|broer|brat|брат|哥哥|弟弟|형|오빠"
        ),
        "sister": (
            "sister|sisters|schwester|schwestern|sœur|sœurs|hermana|hermanas|sorella|sorelle|irmã|zus|zuster|"
            "siostra|сестра|姐姐|妹妹|누나|언니"
        ),
        "_": (
            "big brother|sister city|sister cities|sister ship|sister company|sister hotel|"
            "sister restaurant"
        ),
    },
    "multiple birth": {
        "twins": (
            "twin|twins|zwilling|zwillinge|zwillings*|jumeau|jumeaux|jumelle|jumelles|gemelo|gemelos|"
            "gemela|gemelas|gemello|gemelli|gemella|gemelle|gêmeo|gêmeos|gêmea|gêmeas|gémeos|tweeling|"
            "bliźnięta|близнецы|双子|双胞胎|쌍둥이|tvillingar|tvillinger|ikizler"
        ),
        "triplets": (
            "triplet|triplets|drilling|drillinge|triplés|triplées|trillizos|trillizas|trigemini|"
            "trigêmeos|trigêmeas|drieling|trojaczki|тройня|三つ子|三胞胎|세쌍둥이|trillingar|üçüzler"
        ),
        "_": (
            "twin bed|twin beds|twin room|twin rooms|twin-size|twin size|twin towers|twin-engine|"
            "twin engine|twin peaks|twin city|twin cities|twin turbo|twin-turbo|twin-cam|twin cam|"
            "twin pack|twin-pack|twin set|twin-lens|twin lens|twin tub|twin sink|twin sinks|twin-bed|"
            "twin-room|twin towns|twin town"
        ),
    },
    "direction": {  # a compass point: north of the village, ten zuiden van Kinderdijk
        "north": (
            "north|northern|norden|nördlich|nördlichen|noord|noorden|noordelijk|nord|norte|"
            "settentrionale|północ|północny|север|северный|kuzey|norra|nordlig|utara|northbound|nordwärts|"
            "noordwaarts|norr|norrläge|nordvendt"
        ),
        "south": (
            "south|southern|süden|südlich|südlichen|zuid|zuiden|zuidelijk|sud|meridionale|"
            "południe|południowy|юг|южный|güney|södra|sydlig|selatan|southbound|südwärts|zuidwaarts|"
            "söder|söderläge|sørvendt|sydvendt"
        ),
        "east": (
            "east|eastern|osten|östlich|östlichen|oost|oosten|oostelijk|wschód|wschodni|восток|"
            "восточный|doğu|östra|östlig|timur|eastbound|ostwärts|oostwaarts|öster|österläge|østvendt"
        ),
        "west": (
            "west|western|westen|westlich|westlichen|westelijk|ouest|oeste|ovest|occidentale|zachód|"
            "zachodni|запад|западный|batı|västra|västlig|barat|westbound|westwärts|westwaarts|"
            "väster|västerläge|vestvendt"
        ),
    },
    "relative day": {
        "yesterday": (
            "yesterday|gestern|ayer|ieri|ontem|gisteren|wczoraj|вчера|昨日|昨天|어제|igår|i går|dün"
        ),
        "today": (
            "today|heute|aujourd'hui|hoy|oggi|hoje|vandaag|dzisiaj|dziś|сегодня|今日|今天|오늘|idag|"
            "i dag|bugün"
        ),
        "tomorrow": "tomorrow|demain|domani|amanhã|jutro|завтра|明日|明天|내일|imorgon|i morgen|yarın",
        "_": "usa today|today show|today's|todays",
    },
    "storey": {
        "upstairs": "upstairs|up-stairs|upper floor|upper-floor|à l'étage|obergeschoss|im obergeschoss",
        "downstairs": (
            "downstairs|down-stairs|lower floor|lower-floor|basement bar|untergeschoss|im untergeschoss"
        ),
    },
    "hemline": {  # a dress's or a skirt's length
        "mini": (
            "mini dress|mini-dress|minidress|mini skirt|mini-skirt|miniskirt|minikleid|minirock|"
            "minijupe|robe courte|minifalda|minivestido|minigonna|minivestito|minissaia|minijurk|"
            "minirok|mini"
        ),
        "midi": (
            "midi dress|midi-dress|midi skirt|midi-skirt|midikleid|midirock|jupe midi|robe midi|"
            "falda midi|vestido midi|gonna midi|abito midi|midi"
        ),
        "maxi": (
            "maxi dress|maxi-dress|maxidress|maxi skirt|maxi-skirt|maxikleid|maxirock|robe longue|"
            "jupe longue|maxifalda|vestido largo|maxivestido|gonna lunga|abito lungo|maxiabito|"
            "maxissaia|maxi-jurk|maxirok|maxi"
        ),
    },
    "medium": {  # what a picture is painted with
        "oil": (
            "oil on canvas|oil on panel|oil on board|oil on linen|oil on copper|oil painting|oils|"
            "öl auf leinwand|öl auf holz|ölgemälde|ölbild|huile sur toile|huile sur bois|"
            "óleo sobre lienzo|óleo sobre tabla|óleo sobre tela|olio su tela|olio su tavola|"
            "olieverf|olieverf op doek|olej na płótnie|obraz olejny|масло, холст|холст, масло|"
            "油彩|油画|油絵|유화"
        ),
        "watercolour": (
            "watercolour|watercolor|watercolours|watercolors|aquarell|aquarelle|acuarela|acquerello|"
            "aquarela|aguarela|aquarel|akwarela|акварель|水彩|수채화"
        ),
        "acrylic": (
            "acrylic on canvas|acrylic on paper|acrylic on panel|acrylic painting|acrylics|"
            "acryl auf leinwand|acrylique sur toile|acrílico sobre lienzo|acrilico su tela|"
            "acrylverf|akryl na płótnie|アクリル画|丙烯画"
        ),
        "gouache": "gouache|guache|guazzo|гуашь|グワッシュ|과슈",
        "tempera": "tempera|egg tempera|témpera|tempera su tavola|темпера|テンペラ",
    },
    "rent period": {  # what a rent or a rate is charged for
        "month": (
            "per month|pcm|p.c.m.|per calendar month|/month|/mo|pro monat|im monat|/monat|par mois|/mois|"
            "al mes|/mes|al mese|/mese|por mês|/mês|per maand|/maand|miesięcznie|/mies|в месяц|/мес|月額"
        ),
        "week": (
            "per week|pw|p.w.|/week|/wk|pro woche|/woche|par semaine|/semaine|por semana|/semana|"
            "a settimana|/settimana|tygodniowo|в неделю|週額"
        ),
        "night": (
            "per night|/night|pro nacht|/nacht|par nuit|/nuit|por noche|/noche|a notte|/notte|por noite|"
            "/noite|per nacht|za noc|за ночь|/ночь|1泊"
        ),
    },
    "steering": {  # which side a car's wheel is on: a LHD import is no right-hand-drive car
        "left-hand drive": (
            "left-hand drive|left hand drive|left-hand-drive|lhd|linkslenker|conduite à gauche|"
            "volante a la izquierda|guida a sinistra|volante à esquerda|linksgestuurd"
        ),
        "right-hand drive": (
            "right-hand drive|right hand drive|right-hand-drive|rhd|rechtslenker|conduite à droite|"
            "volante a la derecha|guida a destra|volante à direita|rechtsgestuurd"
        ),
    },
    "finish": {  # how a metal is protected: a powder-coated arch is not a galvanised one
        "powder-coated": (
            "powder-coated|powder coated|powder coating|pulverbeschichtet|pulverbeschichtete|"
            "pulverbeschichteter|pulverbeschichtetes|thermolaqué|thermolaquée|peinture époxy|"
            "verniciato a polvere|verniciatura a polvere|lacado en polvo|pintura en polvo|"
            "pintura eletrostática|gepoedercoat|poedercoating|malowany proszkowo|pulverlackerad"
        ),
        "galvanised": (
            "galvanised|galvanized|hot-dip galvanised|hot-dip galvanized|verzinkt|feuerverzinkt|"
            "verzinkte|verzinkter|verzinktes|galvanisé|galvanisée|galvanizado|galvanizada|zincato|"
            "zincata|gegalvaniseerd|thermisch verzinkt|ocynkowany|ocynkowana|förzinkad|galvaniseret|"
            "sinkitetty|溶融亜鉛めっき"
        ),
        "chrome-plated": (
            "chrome-plated|chrome plated|chromed|verchromt|verchromte|chromé|chromée|cromado|cromada|"
            "cromato|cromata|verchroomd|chromowany|förkromad"
        ),
    },
    "free from": {  # a diet's claim: a gluten-free cake is not thereby sugar-free
        "gluten-free": (
            "gluten-free|gluten free|glutenfree|glutenfrei|glutenfreie|glutenfreier|glutenfreies|"
            "glutenfreien|sans gluten|sin gluten|senza glutine|sem glúten|sem gluten|glutenvrij|"
            "glutenvrije|bezglutenowy|bezglutenowa|bezglutenowe|glutenfri|gluteeniton|glutensiz|"
            "без глютена|グルテンフリー|无麸质|글루텐 프리"
        ),
        "sugar-free": (
            "sugar-free|sugar free|no added sugar|zuckerfrei|zuckerfreie|zuckerfreier|ohne zucker|"
            "ohne zuckerzusatz|sans sucre|sans sucres ajoutés|sin azúcar|sin azúcares añadidos|"
            "senza zucchero|senza zuccheri aggiunti|sem açúcar|suikervrij|suikervrije|zonder suiker|"
            "bez cukru|sockerfri|utan socker|sukkerfri|sokeriton|şekersiz|без сахара|シュガーフリー|"
            "无糖|無糖|무설탕"
        ),
        "dairy-free": (
            "dairy-free|dairy free|milchfrei|milchfreie|sans produits laitiers|sin lácteos|"
            "senza latticini|sem lacticínios|sem laticínios|zuivelvrij|bez nabiału|mjölkfri|maidoton"
        ),
        "lactose-free": (
            "lactose-free|lactose free|laktosefrei|laktosefreie|sans lactose|sin lactosa|senza lattosio|"
            "sem lactose|lactosevrij|lactosevrije|bez laktozy|laktosfri|laktoositon|laktozsuz|"
            "без лактозы|无乳糖"
        ),
        "alcohol-free": (
            "alcohol-free|alcohol free|non-alcoholic|alkoholfrei|alkoholfreie|alkoholfreies|sans alcool|"
            "sin alcohol|analcolico|analcolica|senza alcol|sem álcool|alcoholvrij|alcoholvrije|"
            "bezalkoholowy|bezalkoholowe|alkoholfri|alkoholiton|alkolsüz|безалкогольный|ノンアルコール|"
            "무알코올"
        ),
        "caffeine-free": (
            "caffeine-free|caffeine free|decaf|decaffeinated|koffeinfrei|entkoffeiniert|décaféiné|"
            "descafeinado|decaffeinato|cafeïnevrij|bezkofeinowy|koffeinfri|カフェインレス"
        ),
    },
    "movement": {  # what drives a watch
        "automatic": (
            "automatic|automatik|automatique|automático|automatico|automaat|automatisk|automatyczny|"
            "自動巻き|오토매틱"
        ),
        "hand-wound": (
            "hand-wound|hand wound|manual winding|manual wind|manual-wind|handaufzug|remontage manuel|"
            "carica manuale|cuerda manual|corda manual|handopwinding|手巻き"
        ),
        "quartz": "quartz|quarz|quarzuhr|cuarzo|quarzo|quartzo|kwarts|kwarcowy|кварцевый|クオーツ|クォーツ",
    },
    "plating": {  # solid metal or a coat of it
        "solid": (
            "sterling silver|sterling|925 silver|silver 925|solid silver|solid gold|massivsilber|"
            "massivgold|echtsilber|sterlingsilber|argent massif|or massif|argent 925|plata de ley|"
            "plata 925|oro macizo|argento 925|argento massiccio|oro massiccio|prata 925|prata de lei|"
            "ouro maciço|sterling zilver|massief zilver|massief goud|srebro 925|lite guld|äkta silver|"
            "スターリングシルバー"
        ),
        "plated": (
            "silver-plated|silver plated|gold-plated|gold plated|plated|versilbert|vergoldet|plaqué|"
            "plaqué or|plaqué argent|chapado|chapado en oro|chapado en plata|bañado en oro|"
            "bañado en plata|placcato|placcato oro|placcato argento|banhado|banhado a ouro|"
            "banhado a prata|verguld|verzilverd|posrebrzany|posrebrzana|pozłacany|pozłacana|förgylld|"
            "försilvrad|gold-filled|gold filled|vermeil|メッキ|镀金|镀银"
        ),
    },
    "wood": {  # a piece of furniture's wood: solid or a veneer over board
        "solid wood": (
            "solid wood|solid oak|solid walnut|solid pine|solid beech|solid teak|massivholz|massivholz*|"
            "bois massif|chêne massif|madera maciza|legno massello|massello|madeira maciça|massief hout|"
            "massief eiken|lite drewno|massivträ|täystupuu|無垢材|实木"
        ),
        "veneer": (
            "veneer|veneered|wood veneer|oak veneer|furnier|furniert|furnierte|furniertes|placage|"
            "plaqué chêne|chapa de madera|chapado en madera|impiallacciato|impiallacciatura|folheado|"
            "fineer|gefineerd|fornir|fornirowany|faner|faneroitu|突板|贴皮"
        ),
    },
    "leather": {  # real hide or an imitation
        "genuine leather": (
            "genuine leather|real leather|full-grain leather|full grain leather|top-grain leather|"
            "echtleder|echtes leder|vollleder|cuir véritable|cuir pleine fleur|vrai cuir|piel auténtica|"
            "cuero genuino|piel genuina|vera pelle|pelle vera|pelle pieno fiore|couro legítimo|"
            "couro genuíno|echt leer|echt leder|skóra naturalna|naturalna skóra|äkta läder|"
            "натуральная кожа|本革|真皮"
        ),
        "faux leather": (
            "faux leather|fake leather|vegan leather|imitation leather|leatherette|pu leather|pu-leather|"
            "synthetic leather|kunstleder|veganes leder|lederimitat|simili cuir|similicuir|"
            "cuir synthétique|cuir végan|polipiel|piel sintética|cuero sintético|ecopelle|similpelle|"
            "pelle sintetica|couro sintético|couro ecológico|kunstleer|imitatieleer|ekoskóra|"
            "skóra ekologiczna|sztuczna skóra|konstläder|искусственная кожа|экокожа|合成皮革|"
            "フェイクレザー|人造革"
        ),
    },
    "hide": {  # which animal's leather: whole phrases, since veau, agnello, cordero are foods too
        "calfskin": (
            "calfskin|calf leather|calf-leather|kalbsleder|kalbleder|cuir de veau|veau velours|"
            "piel de becerro|piel de ternera|pelle di vitello|vitello martellato|couro de bezerro|"
            "kalfsleer|kalfsleder|skóra cielęca|kalvskinn|телячья кожа|カーフレザー|小牛皮"
        ),
        "lambskin": (
            "lambskin|lamb leather|lamb nappa|lammleder|lammnappa|cuir d'agneau|agneau plongé|"
            "piel de cordero|pelle di agnello|nappa di agnello|pele de cordeiro|lamsleer|lamsleder|"
            "skóra jagnięca|lammskinn|овечья кожа|ラムレザー|羊皮"
        ),
        "goatskin": (
            "goatskin|goat leather|ziegenleder|cuir de chèvre|piel de cabra|pelle di capra|"
            "pele de cabra|geitenleer|skóra kozia|getskinn|ゴートレザー|山羊皮"
        ),
        "cowhide": (
            "cowhide|cow leather|cowhide leather|rindsleder|rindleder|cuir de vachette|cuir de vache|"
            "piel de vaca|pelle di mucca|pelle bovina|couro bovino|koeienhuid|rundleer|rundleder|"
            "skóra bydlęca|oxhud|коровья кожа|牛皮|牛革"
        ),
    },
    "venue": {
        "home": (
            "home game|home match|home win|home fans|at home|plays at home|en casa|juega en casa|"
            "in casa|à domicile|zu hause|heimspiel|heimsieg|thuiswedstrijd|u siebie|iç saha|"
            "主场|홈경기|home shirt|home kit|home jersey|camiseta local|equipación local|maglia home|"
            "heimtrikot|maillot domicile|thuisshirt|heimpleite|heimniederlage|home defeat|home loss|"
            "home draw|"
            "vittoria casalinga|sconfitta casalinga|partita casalinga|victoire à domicile|défaite à domicile"
        ),
        "away": (
            "away game|away match|away win|away fans|playing away|plays away|away from home|"
            "a domicilio|fuera de casa|de visitante|in trasferta|trasferta|à l'extérieur|auswärts|"
            "auswärtsspiel|auswärtssieg|uitwedstrijd|na wyjeździe|deplasmanda|в гостях|アウェー|"
            "客场|원정|away shirt|away kit|away jersey|camiseta visitante|equipación visitante|maglia away|"
            "maglia da trasferta|auswärtstrikot|maillot extérieur|uitshirt|espugna|espugnano|espugnato|"
            "away defeat|away loss|away draw|auswärtsniederlage|auswärtspleite|victoire à l'extérieur"
        ),
    },
}

# Weekdays: CLDR's full names (babel) in these locales, and the forms CLDR does not give.
_WEEKDAY_LOCALES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "tr", "ru", "sv", "da", "nb", "cs", "fi",
                    "ro", "hu", "ja", "zh", "ko")
# A weekday after a preposition in Russian, Polish and Czech (в субботу, w sobotę, v sobotu); short
# forms that are no other word (Sat, but not Sun, Mon or Wed); a date's weekday in Japanese: 18日(土).
_WEEKDAY_EXTRA = (
    "понедельник|poniedziałek|pondělí|mon.|montags",
    "вторник|wtorek|úterý|tue|tues|dienstags",
    "среду|środę|středu|wed.|mittwochs",
    "четверг|czwartek|čtvrtek|thu|thur|thurs|donnerstags",
    "пятницу|piątek|pátek|fri|freitags",
    "субботу|sobotę|sobotu|sat|samstags|sonnabend|sáb|(土)|（土）|周六|週六|礼拜六",
    "воскресенье|niedzielę|neděli|sonntags|dom.|(日)|（日）|周日|週日|礼拜天|星期天",
)


COMPOUNDING = ("de", "nl", "sv", "da", "nb")  # languages that write a weekday into a compound


def _weekday_terms() -> dict[str, str]:
    from babel.dates import get_day_names

    days: list[set[str]] = [set(extra.split("|")) for extra in _WEEKDAY_EXTRA]
    for loc in _WEEKDAY_LOCALES:
        for context in ("format", "stand-alone"):
            for n, name in get_day_names("wide", context=context, locale=loc).items():
                days[n].add(name.lower())
                if loc in COMPOUNDING:  # Sonntagabend, zondagavond
                    days[n].add(name.lower() + "*")
    return {calendar_name: "|".join(sorted(days[n])) for n, calendar_name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}


# Shades: each stands for the colours it lies between (navy is blue, beige white or brown), so
# a source's ``navy suit`` supports ``bleu marine`` and an output's ``silver`` a source's ``grey``.
# Shades that are also other things (gold, olive, salmon, cream, charcoal, marine, camel) are left out.
_SHADES: dict[str, tuple[str, ...]] = {
    "navy|navy-blue|marineblau|granatowy|granatowa|granatowe|ネイビー|네이비|藏青色|"
    "藏青|藏蓝色": ("blue",),
    "turquoise|teal|cyan|türkis|turquesa|turchese|turkoois|turkusowy|бирюзовый|ターコイズ|青绿色":
        ("blue", "green"),
    "beige|ivory|écru|ecru|ivoire|avorio|marfil|elfenbein|kremowy|бежевый|"
    "ベージュ|베이지|米色": ("white", "brown"),
    "tan|khaki|kaki|caqui|cachi|хаки|カーキ": ("brown", "green"),
    "silver|silber|argent|argenté|argentée|plata|plateado|plateada|argento|argentato|prata|"
    "prateado|prateada|zilver|zilveren|srebrny|srebrna|srebrne|серебристый|серебряный|シルバー|"
    "실버|银色|銀色": ("grey", "white"),
    "burgundy|maroon|bordeaux|bordó|crimson|scarlet|weinrot|bordeauxrot|cramoisi|carmesí|"
    "cremisi|escarlata|scarlatto|бордовый|ワインレッド|버건디|酒红色": ("red", "purple"),
    "magenta|fuchsia|fuchsie|fucsia|fúcsia|マゼンタ": ("pink", "purple"),
    "lavender|lilac|lavande|lavanda|lilas|lila|лиловый|ラベンダー|라벤더": ("purple", "pink"),
    "anthracite|anthrazit|antracita|antracite|grafite|grafitowy|антрацит|チャコール": ("grey", "black"),
    "mint green|mintgrün|vert menthe|verde menta|mintgroen": ("green",),
    "ochre|ocher|ocker|ocre|ocra|охра": ("yellow", "brown", "orange"),
    "multicoloured|multicolored|multicolour|multicolor|colourful|colorful|bunt|bunte|buntes|"
    "multicolore|multicolores|colorido|colorida|coloridos|variopinto|kleurrijk|kolorowy|kolorowe|"
    "разноцветный|разноцветные|カラフル|컬러풀|五颜六色|彩色": (
        "black", "white", "red", "green", "blue", "yellow", "grey", "brown", "pink", "purple", "orange"),
}


# A colour's shade: dark blue is not light blue (navy beside a pale yellow is no change). One
# group per colour, from each language's words for it (in the order of _SHADE_COLOURS) and its
# words for dark and light, in the order the language writes them (hellblau, bleu clair).
_SHADE_COLOURS = ("blue", "green", "grey", "brown", "red", "pink", "purple", "yellow")
_SHADE_WORDS = {
    "en": ("blue green grey/gray brown red pink purple yellow", "dark {c}|deep {c}", "light {c}|pale {c}"),
    "fr": ("bleu vert gris brun/marron rouge rose violet jaune", "{c} foncé", "{c} clair|{c} pâle"),
    "es": ("azul verde gris marrón rojo rosa morado amarillo", "{c} oscuro|{c} oscura",
           "{c} claro|{c} clara"),
    "it": ("blu/azzurro verde grigio marrone rosso rosa viola giallo", "{c} scuro|{c} scura",
           "{c} chiaro|{c} chiara"),
    "pt": ("azul verde cinza/cinzento castanho vermelho rosa roxo amarelo", "{c} escuro|{c} escura",
           "{c} claro|{c} clara"),
    "de": ("blau grün grau braun rot rosa lila gelb",
           "dunkel{c}|dunkel{c}e|dunkel{c}er|dunkel{c}es|dunkel{c}en",
           "hell{c}|hell{c}e|hell{c}er|hell{c}es|hell{c}en"),
    "nl": ("blauw groen grijs bruin rood roze paars geel", "donker{c}|donker{c}e", "licht{c}|licht{c}e"),
}


# Shades with names of their own: navy is a dark blue, sky blue (azul celeste) a light one.
_NAMED_SHADES = {
    "blue": ("navy|navy blue|navy-blue|bleu marine|azul marino|blu navy|blu notte|marineblau|marineblauw",
             "sky blue|sky-blue|baby blue|azul celeste|celeste|azul cielo|bleu ciel|azzurro cielo|"
             "himmelblau|babyblau|hemelsblauw|lichtblauw|azul-celeste|azul bebê"),
}


def _shades() -> dict[str, dict[str, str]]:
    """``shade:blue`` -> {"dark": "dark blue|dunkelblau|...", "light": ...}."""
    out: dict[str, dict[str, list[str]]] = {f"shade:{c}": {"dark": [], "light": []} for c in _SHADE_COLOURS}
    for colours, dark, light in _SHADE_WORDS.values():
        for colour, words in zip(_SHADE_COLOURS, colours.split(), strict=True):
            for c in words.split("/"):
                out[f"shade:{colour}"]["dark"] += dark.format(c=c).split("|")
                out[f"shade:{colour}"]["light"] += light.format(c=c).split("|")
    for colour, (dark, light) in _NAMED_SHADES.items():
        out[f"shade:{colour}"]["dark"] += dark.split("|")
        out[f"shade:{colour}"]["light"] += light.split("|")
    return {group: {sense: "|".join(terms) for sense, terms in senses.items()}
            for group, senses in out.items()}


# Colours in Arabic (with the article al- a word of its own), Hebrew and Hindi.
_MORE_COLOURS = {
    "black": "أسود|سوداء|الأسود|السوداء|שחור|שחורה|שחורים|काला|काली|काले",
    "white": "أبيض|بيضاء|الأبيض|البيضاء|לבן|לבנה|לבנים|सफेद|सफ़ेद",
    "red": "أحمر|حمراء|الأحمر|الحمراء|אדום|אדומה|אדומים|लाल",
    "green": "أخضر|خضراء|الأخضر|الخضراء|ירוק|ירוקה|ירוקים|हरा|हरी|हरे",
    "blue": "أزرق|زرقاء|الأزرق|الزرقاء|כחול|כחולה|כחולים|नीला|नीली|नीले",
    "yellow": "أصفر|صفراء|الأصفر|الصفراء|צהוב|צהובה|צהובים|पीला|पीली|पीले",
    "grey": "رمادي|رمادية|الرمادي|אפור|אפורה|אפורים|स्लेटी|धूसर",
    "brown": "بني|بنية|البني|חום|חומה|חומים|भूरा|भूरी|भूरे",
}


# A fabric is any of the woven materials: a source's ``leather sofa`` is no ``tissu``, its
# ``cotton`` a fabric.
_FABRIC = ("fabric|fabrics|tissu|stoff|stoffbezug|tessuto|tecido|tkanina|ткань|ткани|tyg|kumaş|"
           "ファブリック|패브릭|布艺|textile|textil")
_FABRICS = ("cotton", "wool", "silk", "linen", "polyester", "velvet")


@cache
def groups() -> dict[str, dict[str, tuple[str, ...]]]:
    """Every group's senses and their terms (weekdays read from CLDR on first use); a term listed
    under several senses (a shade) has each of them."""
    terms = {**_TERMS, "weekday": _weekday_terms(), **_shades()}
    out = {group: {sense: tuple(t.split("|")) for sense, t in senses.items()}
           for group, senses in terms.items()}
    for colour, more in _MORE_COLOURS.items():
        out["colour"][colour] += tuple(more.split("|"))
    for shades, colours in _SHADES.items():
        for colour in colours:
            out["colour"][colour] += tuple(shades.split("|"))
    for fabric in _FABRICS:
        out["material"][fabric] += tuple(_FABRIC.split("|"))
    return out


@cache
def _pattern(group: str) -> re.Pattern[str]:
    """One alternation of a group's terms, longest first; each term a whole word, or for a
    ``*`` term, a compound's first or last part (Damenfahrrad, DFB-Pokalhalbfinale). The whole
    words go in as one trie behind one word boundary: a regex tries an alternation's terms one
    by one at every position, and groups hold hundreds."""
    words, parts = [], []
    for term in sorted({t for terms in groups()[group].values() for t in terms}, key=len, reverse=True):
        word = re.escape(term.strip("*"))
        if term.endswith("*"):
            parts.append(rf"(?<![^\W\d_]){word}(?=[^\W\d_]{{3,}})")
        elif term.startswith("*"):
            parts.append(rf"(?<=[^\W\d_]){word}(?![^\W\d_])")
        elif re.search(r"[\u30a0-\u30ff]", term):  # katakana run on: グレー (grey) is no word of グレーズ
            parts.append(rf"(?<![\u30a0-\u30ff]){word}(?![\u30a0-\u30ff])")
        elif re.search(r"[\u3040-\u30ff\u3400-\u9fff]", term):  # no spaces to bound a word: 18日(土)
            parts.append(word)
        else:
            words.append(term)
    # Whole words first: at one position a star term matches only where no whole word does.
    whole = [rf"(?<![^\W\d_])(?:{_trie(words)})(?![^\W\d_'])"] if words else []
    return re.compile("|".join(whole + parts))


def _trie(terms: list[str]) -> str:
    """A regex matching exactly ``terms``, longest first, as a trie (``red(?: carpet)?``)."""
    tree: dict = {}
    for term in terms:
        node = tree
        for ch in term:
            node = node.setdefault(ch, {})
        node[""] = {}  # a term ends here

    def walk(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + walk(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        inner = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{inner})?" if ends else inner

    return walk(tree)


@cache
def _senses(group: str) -> dict[str, frozenset[str]]:
    """A group's terms, stars dropped, to their senses (one, or a shade's several)."""
    out: dict[str, set[str]] = {}
    for sense, terms in groups()[group].items():
        for t in terms:
            out.setdefault(t.strip("*"), set()).add(sense)
    return {t: frozenset(s) for t, s in out.items()}


# A clock time says its half of the day: 9 PM, 21:00 and 21h are the evening, 07:45 and 7h45 the
# morning (a 24-hour clock); 8:10 alone says nothing.
_HALF_DAY = re.compile(r"(?<=\d)\s?([ap])\.?\s?m\.?(?![^\W\d_])", re.I)
_CLOCK_PM = re.compile(r"(?<![\d:.,])(?:1[3-9]|2[0-3])(?:[:h][0-5]\d|h)(?![\d:])")
_CLOCK_AM = re.compile(r"(?<![\d:.,])(?:0\d[:h][0-5]\d|\dh[0-5]\d)(?![\d:])")
# ... and in a text that writes the afternoon 16:00, 10:00 is the morning.
_CLOCK_AM_24 = re.compile(r"(?<![\d:.,])(?:0?\d|1[01])[:h][0-5]\d(?![\d:])(?!\s?pm-clock)")


# Groups whose words are often part of a name: in an output, a capitalised term counts only where a
# sentence or a listing's segment starts (Red apples ..., Nike Air Max 90 - Black). A colour's shade
# groups (shade:blue) go by "shade".
NAMED_GROUPS = frozenset({"colour", "shade", "person", "animal", "material", "vehicle", "berry", "fruit",
                          "flower", "offspring", "parent", "grandparent", "sibling", "relative day",
                          "hemline", "direction"})
# Groups a caption of the image may state on its own: it sees people, vehicles, fruit, flowers and shades.
SEEN_GROUPS = frozenset({"shade", "person", "vehicle", "fruit", "flower"})
# What the source's thing is made of, which animal it is and its colour are the source's to say
# (oak and walnut, a hawk and an eagle look alike in a photo, and the listing knows its green
# bag); what else the image shows is the caption's: an oak table's leather chairs, the cat
# beside the dog, the green bag's black straps.
REPLACED_GROUPS = frozenset({"material", "animal", "colour"})
_SEGMENT_END = re.compile(r"(?:^|[.!?:;,|/(\[–—-])[\s\"'“„«(]*$")


def _starts_segment(text: str, start: int) -> bool:
    """Does the word at ``start`` open the text, a sentence or a listing's segment?"""
    return bool(_SEGMENT_END.search(text[max(0, start - 12):start]))


def senses(text: str, group: str) -> set[str]:
    """The senses of ``group`` that ``text`` states."""
    return set().union(*_stated(text, group, names=True))


def _stated(text: str, group: str, names: bool) -> list[frozenset[str]]:
    """The senses of each term of ``group`` that ``text`` states. English "new" before a
    capitalised word is a name's (New York, New Balance), and a short term in capitals an
    abbreviation's (NY). Without ``names``, a capitalised term of a group whose words name
    things (Red Bull, Gordon Brown) counts only where a sentence or a segment starts."""
    text = text.replace("’", "'")
    if group == "time of day":
        text = _HALF_DAY.sub(lambda m: f" {m.group(1).lower()}m-clock", text)
        morning = _CLOCK_AM_24 if _CLOCK_PM.search(text) else _CLOCK_AM
        text = morning.sub(r"\g<0> am-clock", _CLOCK_PM.sub(r"\g<0> pm-clock", text))
    found = []
    for m in _pattern(group).finditer(text.lower()):
        after = text[m.end():m.end() + 2]
        if m.group() == "new" and len(after) == 2 and after[0] == " " and after[1].isupper():
            continue
        if len(m.group()) <= 3 and text[m.start():m.end()].isupper() and group != "steering":  # NY: New York
            continue
        if (not names and group.split(":")[0] in NAMED_GROUPS and text[m.start()].isupper()
                and not _starts_segment(text, m.start())):
            continue
        if "_" not in _senses(group)[m.group()]:  # "_": phrases that hold a group's word in another sense
            found.append(_senses(group)[m.group()])
    return found


def changed_meanings(text: str, sources: list[str], from_image: bool = False) -> list[str]:
    """The output's terms whose sense the sources contradict: they state another sense of its
    group and not this one (``semifinal`` for a ``final``). A caption of the image (``from_image``)
    is not held to the groups it sees for itself (colours), and in what a thing is made of and
    which animal it is, only where it drops the source's word (oak -> walnut)."""
    out = []
    for group in groups():
        if from_image and group.split(":")[0] in SEEN_GROUPS:
            continue
        src_terms = [t for s in sources if s for t in _stated(s, group, names=True)]
        said = set().union(*src_terms)
        if not said:
            continue
        # A caption of the image that keeps each of the source's words, even in a name (Grasmere
        # Green), states the rest as what else the image shows; one that keeps black but says
        # yellow for burgundy replaced a word.
        if from_image and group in REPLACED_GROUPS:
            out_terms = _stated(text, group, names=True)
            if all(any(not t.isdisjoint(o) for o in out_terms) for t in src_terms):
                continue
        stated = _stated(text, group, names=False)
        new = {"/".join(sorted(t)) for t in stated if t.isdisjoint(said)}
        for term in sorted(new):
            out.append(f"{term} (source: {', '.join(sorted(said))})")
    return out


# "Without": a source that leaves a thing out (senza uova, ohne Akku, sans sucre). The output keeps
# the absence in any form: a word of absence or negation, a "-free" or "-less" word (eggless,
# zuckerfrei, şekersiz); the wider list is for the output, where one more word only excuses.
_WITHOUT = ("without|with no|w/o|ohne|sans|sin|sem|senza|zonder|bez|без|utan|uden|uten|ilman|nélkül|fără|"
            "χωρίς")
_WITHOUT_LANGS = {"sans": ("fr",), "sin": ("es",), "sem": ("pt",), "senza": ("it",), "ohne": ("de",),
                  "zonder": ("nl",), "bez": ("pl", "cs", "sk", "hr", "sl"), "utan": ("sv",), "uden": ("da",),
                  "uten": ("nb", "no"), "ilman": ("fi",), "nélkül": ("hu",), "fără": ("ro",),
                  "без": ("ru", "uk", "bg"), "χωρίς": ("el",), "without": ("en",), "with no": ("en",)}
_LESS = "less|los|lose|loser|loses|frei|freie|freier|freies|free|siz|sız|suz|süz"  # eggless, zuckerfrei
_ABSENT = re.compile(
    rf"(?<![^\W\d_])(?:{_WITHOUT}|no|not|non|never|free|frei|libre|livre|vrij|zero|nicht|pas|nie|ne|"
    r"kein\w*|ni|nessun\w*|nada|nenhum\w*|ningún|ninguna|niente|geen|inga|ingen|не|нет|yok|değil)"
    rf"(?![^\W\d_])|[^\W\d_]{{3,}}(?:{_LESS})(?![^\W\d_])")
_ABSENT_SUFFIX = re.compile(rf"[^\W\d_]*-?(?:{_LESS})(?![^\W\d_])")
_WITHOUT_WORD = re.compile(rf"(?<![^\W\d_])(?:{_WITHOUT})(?![^\W\d_])")
_ARTICLES = frozenset("a an the der die das den dem ein eine einen le la les l un une de des du el los las "
                      "lo il gli i uno o os as um uma het een".split())


# In English (or a listing too short to tell), a lowercase "no" before a word leaves a thing out as
# well ("no charger"; Portuguese "no" is "in the"), and in any language "no-" before a verb
# ("No-bake cheesecake"; not "No. 5").
_NO_WORD = re.compile(r"(?<![^\W\d_])(?:no|NO)(?= [^\W\d_]{3,})")  # a listing's capitals: NO CHARGER
_NO_VERB = re.compile(r"(?<![^\W\d_])[Nn]o-(?=[^\W\d_]{3,})")


def _kept_absent(text: str, at: int) -> bool:
    """Does a word of absence go with the word at ``at``: before it (without a charger), joined
    to it (scratch-free) or after it in its clause (Akku nicht enthalten)?"""
    return bool(_ABSENT.search(text[max(0, at - 30):at]) or _ABSENT_SUFFIX.match(text, at)
                or _ABSENT.search(re.split(r"[,.;:|(]", text[at:at + 40])[0]))


def lost_absences(text: str, sources: list[str], translated: bool) -> list[str]:
    """The things a source leaves out that the output states with no word of absence: ``senza
    uova`` -> ``con uova``, ``ohne Akku`` -> ``inklusive Akku``, ``no charger`` -> ``with its box
    and charger, free of scratches``. In the sources' language the thing's own word must come
    back, with no word of absence just before it (or ``-free`` after it); a translation, whose
    words differ, must keep an absence somewhere. The other way round too, in the sources'
    language: a thing they name that the output says is missing (``_invented_absences``)."""
    low_text = text.lower()
    absent = bool(_ABSENT.search(low_text))
    if translated and absent:
        return []
    out = []
    for source in sources:
        low = source.lower()
        # a listing, lingua often unsure of it; NO in its capitals too
        english = ("no " in source or "NO " in source) and sure_language(source) in ("en", None)
        for m in [*_WITHOUT_WORD.finditer(source), *_NO_VERB.finditer(source),  # lowercase: Sin City
                  *(_NO_WORD.finditer(source) if english else ())]:
            words = [w for w in re.findall(r"[^\W\d_]+", low[m.end():]) if w not in _ARTICLES]
            if not words:
                continue
            stem = words[0][:max(4, len(words[0]) - 2)]  # uova -> uova, Zucker -> zuck
            if translated:
                out.append(f"{words[0]} (source: {m.group()} {words[0]})")
                continue
            said = [o.start() for o in re.finditer(rf"(?<![^\W\d_]){re.escape(stem)}", low_text)]
            if said and not any(_kept_absent(low_text, at) for at in said):
                out.append(f"{words[0]} (source: {m.group()} {words[0]})")
    invented = [] if translated else _invented_absences(text, sources)
    return out + _lost_exclusions(text, sources, translated) + invented


def _invented_absences(text: str, sources: list[str]) -> list[str]:
    """A thing the sources have that the output, in their language, says is missing: ``avec
    ascenseur`` -> ``sans ascenseur``, ``Charger & L-BOXX Included`` -> ``sold without a
    charger``. Only where the sources name the thing and never with a word of absence, and
    only a word of absence of the output's language (Swedish ``sin`` is "her")."""
    lows = [s.lower() for s in sources if s]
    low_text, out = text.lower(), []
    lang = sure_language(text)
    for m in _WITHOUT_WORD.finditer(low_text):
        if _WITHOUT_LANGS.get(m.group(), ()) and lang not in _WITHOUT_LANGS[m.group()]:
            continue  # Swedish "sin" is "his", Portuguese "sem" no word of other languages
        words = [w for w in re.findall(r"[^\W\d_]+", low_text[m.end():]) if w not in _ARTICLES]
        if not words:
            continue
        stem = words[0][:max(4, len(words[0]) - 2)]
        thing = re.compile(rf"(?<![^\W\d_]){re.escape(stem)}")
        said = [(low, o.start()) for low in lows for o in thing.finditer(low)]
        if said and not any(_kept_absent(low, at) for low, at in said):
            out.append(f"{m.group()} {words[0]} (source: {words[0]})")
    return out


# "Not included" after the thing: livraison non incluse, Akku nicht enthalten, batteries not
# included. The output that says the thing is included (Lieferung inbegriffen, with batteries)
# with no word of absence or of a separate charge anywhere has lost the exclusion.
_NOT_INCLUDED = re.compile(
    r"(?<![^\W\d_])(?:not included|not incl|non inclus|non incluse|non inclusa|non inclusi|non incluso|"
    r"non compris|non comprise|nicht inbegriffen|nicht enthalten|nicht inklusive|no incluido|no incluida|"
    r"no incluidos|no incluidas|não incluído|não incluída|não incluso|niet inbegrepen|niet inclusief|"
    r"nie wliczon\w*|ingår ej|ingår inte|ikke inkluderet|ikke inkludert)(?![^\W\d_])")
_INCLUDED = re.compile(
    r"(?<![^\W\d_])(?:included|includes|including|incl|inkl|inklusive|inbegriffen|enthalten|inclus|incluse|"
    r"compris|comprise|incluido|incluida|incluye|incluso|inclusa|compreso|compresa|incluído|incluída|"
    r"inclusief|inbegrepen|wliczony|wliczona|ingår|inkluderet|inkludert)(?![^\W\d_])")
_SEPARATE = re.compile(
    r"(?<![^\W\d_])(?:excl|exkl|excluding|exclusive|exclusief|zzgl|zuzüglich|hors|sauf|separately|"
    r"separat|séparément|por separado|separatamente|à parte|a parte|aparte|extra|plus)(?![^\W\d_])")


def _lost_exclusions(text: str, sources: list[str], translated: bool) -> list[str]:
    """The things a source says are not included that the output says are (``livraison non
    incluse`` -> ``Lieferung inbegriffen``); in the sources' language the thing's own word must
    come back with it."""
    low_text = text.lower()
    if not _INCLUDED.search(low_text) or _ABSENT.search(low_text) or _SEPARATE.search(low_text):
        return []
    out = []
    for source in sources:
        low = source.lower()
        for m in _NOT_INCLUDED.finditer(low):
            words = [w for w in re.findall(r"[^\W\d_]+", low[:m.start()]) if w not in _ARTICLES]
            if not words:
                continue
            stem = words[-1][:max(4, len(words[-1]) - 2)]
            if translated or re.search(rf"(?<![^\W\d_]){re.escape(stem)}", low_text):
                out.append(f"{words[-1]} (source: {words[-1]} {m.group()})")
    return out


# Before and after, in the sources' language: "before the vote" -> "after the vote". Only the
# same thing on both sides counts: "after lunch" beside a source's "before the vote" says
# nothing of the vote.
_BEFORE = {"before": "before", "vor": "before", "avant": "before", "antes": "before", "prima": "before",
           "after": "after", "nach": "after", "après": "after", "después": "after", "dopo": "after",
           "depois": "after"}
_ORDER_SKIP = frozenset("the a an his her their its this that these those de del della dello delle dei "
                        "degli do da dos das du des d of dem den der die das einem einer eines le la les l "
                        "el los las il lo gli i o os as um uma un une".split())
_ORDER_WORDS = re.compile(r"[^\W\d_]+")
_AHEAD_OF = re.compile(r"\b(?:ahead of|prior to|in the run-up to)\b")  # ahead of the vote: before it


def _orders(text: str) -> dict[tuple[str, str], str]:
    """(before/after, the stem of the first word of what it is before or after) -> that word."""
    words = _ORDER_WORDS.findall(_AHEAD_OF.sub("before", text.replace("’", "'").lower()))
    out = {}
    for i, w in enumerate(words):
        if w in _BEFORE:
            rest = [x for x in words[i + 1:i + 5] if x not in _ORDER_SKIP]
            if rest:
                out[(_BEFORE[w], rest[0][:max(4, len(rest[0]) - 2)])] = rest[0]
    return out


def flipped_order(text: str, sources: list[str]) -> list[str]:
    """What the output puts after where the sources put it before, or the other way round:
    ``before the storm`` -> ``after the storm``."""
    said: dict[tuple[str, str], str] = {}
    for s in sources:
        said.update(_orders(s) if s else {})
    flip = {"before": "after", "after": "before"}
    return [f"{when} {word} (source: {flip[when]} {said[(flip[when], stem)]})"
            for (when, stem), word in sorted(_orders(text).items())
            if (when, stem) not in said and (flip[when], stem) in said]
