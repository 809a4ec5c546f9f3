"""What each seed brochure says, item by item, in its own language and in translation.

(The Outaouais seed also invites to "Visit our web page" and "Download the form" but
gives neither address: nothing points nowhere, so they are not on the site; see
NAMED_WITHOUT_ADDRESS.)

The lists in the seed's own language are checked against the seed file itself
(test_seed_fidelity), so they cannot drift from the source of truth; the translations
are the ones the shipped content promises.
"""

LAURENTIDES_SEED = "laurentides-fr.txt"
OUTAOUAIS_SEED = "outaouais-en.txt"

SEED_FILES = {"laurentides": LAURENTIDES_SEED, "outaouais": OUTAOUAIS_SEED}
SEED_LANGUAGE = {"laurentides": "fr", "outaouais": "en"}

ITEMS: dict[str, dict[str, dict[str, list[str]]]] = {
    "laurentides": {
        "fr": {
            "team": [
                "Une vingtaine d'organiseurs (trices) communautaires, ainsi que des travailleurs (euses) communautaires, répartis à travers la région des Laurentides, par réseau local de services",
                "Une conseillère-cadre et une professionnelle",
                "Du personnel administratif",
                "Une gestionnaire, adjointe à la DGA",
            ],
            "services": [
                "Organisation communautaire",
                "Programme de soutien aux organismes communautaires (PSOC)",
                "Soutien communautaire en logement social",
            ],
            "roles": [
                "Mettre à la disposition des communautés des intervenants spécialisés pour identifier, promouvoir et contribuer à des actions structurantes en lien avec les déterminants ayant une incidence sur la santé et le bien-être des populations (ex. : la sécurité alimentaire, le développement de l'enfant, la santé mentale, etc.)",
                "Soutenir les ressources existantes pour l'accompagnement, la consultation-conseil, la vie associative, cela majoritairement auprès des organismes œuvrant en santé et services sociaux",
                "Analyser et évaluer le milieu (portrait et besoins)",
                "Sensibiliser et conscientiser les collectivités (enjeux et problématiques des communautés, formation)",
                "Participer à la création de nouvelles ressources ou de projets en réponse à des besoins collectifs identifiés par les partenaires ou le CISSS des Laurentides",
                "Concerter et mobiliser les ressources (animation, organisation et soutien)",
                "Appuyer l'action collective (conseils et stratégies)",
                "S'assurer de la conformité des organismes admis au PSOC en regard des critères régionaux et nationaux",
                "Gérer le processus d'admissibilité des organismes communautaires au PSOC",
                "Appliquer la convention de soutien financier dans le cadre du financement en soutien à la mission globale des organismes communautaires, œuvrant en santé et services sociaux",
                "S'assurer du suivi et de l'évaluation des ententes",
                "D'encadrer le programme ministériel",
                "D'animer les concertations locales et régionales",
            ],
            "audiences": [
                "Directions du CISSS des Laurentides",
                "Groupes de citoyens mobilisés",
                "Instances de concertation",
                "Milieux scolaires, municipaux et autres",
                "Organismes communautaires",
            ],
            "texts": [
                "Chaque demande est évaluée et priorisée selon des critères bien définis.",
                "Le PSOC vise à reconnaître et à promouvoir l'action des organismes communautaires, tout en leur apportant un soutien financier.",
                "Les intervenants utilisent une relation de proximité pour accompagner les locataires dans leur quotidien, ainsi que dans la recherche de leurs propres solutions.",
            ],
            "phones": ["450 433-2777, poste 65139"],
            "emails": ["psoc.ciSSLau@ssss.gouv.qc.ca"],
        },
        "en": {
            "team": [
                "About twenty community organizers, as well as community workers, spread across the Laurentides region by local services network",
                "A management advisor and a professional",
                "Administrative staff",
                "A manager, assistant to the DGA",
            ],
            "services": [
                "Community organizing",
                "Community Organizations Support Program (PSOC)",
                "Community support in social housing",
            ],
            "roles": [
                "Analyze and assess the community (portrait and needs)",
                "Support collective action (advice and strategies)",
                "Manage the eligibility process of community organizations for the PSOC",
                "Ensure the follow-up and evaluation of agreements",
                "Oversee the ministerial program",
                "Lead local and regional consultation tables",
            ],
            "audiences": [
                "Departments of the CISSS des Laurentides",
                "Mobilized citizen groups",
                "Consultation and coordination bodies",
                "School, municipal and other settings",
                "Community organizations",
            ],
            "texts": ["Each request is assessed and prioritized according to well-defined criteria."],
            "phones": ["450-433-2777, ext. 65139"],
            "emails": ["psoc.ciSSLau@ssss.gouv.qc.ca"],
        },
    },
    "outaouais": {
        "en": {
            "values": ["Respect", "Solidarity", "Democracy", "Common good", "Social justice and equity", "Empowerment and autonomy"],
            "territories": ["Pontiac", "Gatineau", "Papineau", "Vallée-de-la-Gatineau", "Collines-de-l'Outaouais"],
            "audiences": ["Community organizations", "Networking groups", "Municipalities", "Citizens", "Departments of the CISSS de l'Outaouais"],
            "areas": [
                "Supporting community organizations",
                "To provide groups with the tools they need to carry out their mission.",
                "Supporting the development of local communities",
                "To improve their social, economic, political, cultural, and environmental situations.",
                "Supporting action on the social determinants of health",
                "To better meet basic needs such as food, housing, education, income, transportation, etc.",
                "Supporting the links between communities and the Centre intégré de santé et des services sociaux (CISSS) de l'Outaouais",
                "To promote complementarity of resources and to raise awareness of the needs and realities of the communities.",
            ],
            "roles": ["Facilitation", "Consulting", "Assessment", "Training", "Information-referral", "Mediation", "Organization", "Writing"],
            "actions": ["Analyze", "Raise awareness", "Mobilize", "Connect", "Accompany"],
            "examples": [
                "Assisting community organizations (ex. general meetings, by-laws, internal policies, human resources, action plans, funding and incorporation).",
                "Setting up committees with partners to improve living conditions and encourage citizen participation from ethno-cultural communities or families in a vulnerable situation.",
                "Working with municipalities and networking groups to mobilize communities around social issues, such as housing, social isolation of seniors and persons with a disability.",
                "Developing collective projects to promote food security, social inclusion of people experiencing homelessness and for the positive mental health of the population.",
                "Exploring with the departments of the CISSS de l'Outaouais, ways of responding to the needs of communities using a population-based approach.",
            ],
            "services": ["Community organizing"],
            "texts": [
                "Community organizing is a professional practice of collective actions that aims to improve living conditions, reduce social and health inequalities, encourage citizen participation and favour social inclusion.",
                "Utmost attention is provided to populations affected by social problems, such as poverty or social exclusion.",
                "Community organization contributes to social and community development.",
                "Social problems are collective in nature, and so are their solutions!",
            ],
            "phones": ["819-966-6484, ext. 6"],
            "emails": ["07CISSO.soutiencommunaute.santepublique@ssss.gouv.qc.ca"],
        },
        "fr": {
            "values": ["Respect", "Solidarité", "Démocratie", "Bien commun", "Justice sociale et équité", "Pouvoir d'agir et autonomie"],
            "territories": ["Pontiac", "Gatineau", "Papineau", "Vallée-de-la-Gatineau", "Collines-de-l'Outaouais"],
            "audiences": ["Organismes communautaires", "Regroupements et tables de concertation", "Municipalités", "Citoyennes et citoyens", "Directions du CISSS de l'Outaouais"],
            "areas": [
                "Soutenir les organismes communautaires",
                "Soutenir le développement des communautés locales",
                "Soutenir l'action sur les déterminants sociaux de la santé",
                "Soutenir les liens entre les communautés et le Centre intégré de santé et des services sociaux (CISSS) de l'Outaouais",
                "Mieux répondre aux besoins de base comme l'alimentation, le logement, l'éducation, le revenu, le transport, etc.",
            ],
            "roles": ["Animation", "Consultation", "Évaluation", "Formation", "Information-référence", "Médiation", "Organisation", "Rédaction"],
            "actions": ["Analyser", "Sensibiliser", "Mobiliser", "Mettre en lien", "Accompagner"],
            "examples": [
                "Accompagner des organismes communautaires (ex. : assemblées générales, règlements généraux, politiques internes, ressources humaines, plans d'action, financement et incorporation).",
                "Explorer avec les directions du CISSS de l'Outaouais des façons de répondre aux besoins des communautés selon une approche populationnelle.",
            ],
            "services": ["Organisation communautaire"],
            "texts": ["Les problèmes sociaux sont collectifs, leurs solutions aussi!"],
            "phones": ["819 966-6484, poste 6"],
            "emails": ["07CISSO.soutiencommunaute.santepublique@ssss.gouv.qc.ca"],
        },
    },
}

# Calls to action the seeds make without an address: shown nowhere (test_site_content).
NAMED_WITHOUT_ADDRESS = {"Visit our web page", "Download the form", "Visitez notre page Web", "Téléchargez le formulaire"}
