"""Content problems, told the way the communications team can act on them.

Every problem names the file, the line and the column, says what is wrong and what
to do, in French by default and in English when the user's locale is English:
`content/en/services.yaml:14:7: <what is wrong> — <what to do>`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..printable import display_path, shown  # (imported from here by the content's modules)
from ..strings import message_language

MESSAGES: dict[str, dict[str, str]] = {
    "fr": {
        "bad_language": "la langue « {value} » n'est pas reconnue — écrivez fr ou en (la langue de la page visée)",
        "bad_git_host": "l'hébergeur « {value} » n'est pas reconnu — écrivez github ou gitlab",
        "bad_field_kind": "le type de réponse « {value} » n'est pas reconnu — écrivez text, long_text, email, phone, choice ou choices",
        "bad_choice_source": "« {value} » n'est pas une source de choix — écrivez territories, audiences ou services",
        "choice_without_choices": "cette question à choix n'a pas de choix — ajoutez « choices » (ses choix) ou « choices_from » (territories, audiences ou services)",
        "choices_twice": "cette question a à la fois « choices » et « choices_from » — gardez l'un des deux",
        "choices_without_choice": "une question de type « {kind} » n'a pas de choix — retirez « choices » et « choices_from », ou écrivez kind: choice",
        "choices_from_empty": "les choix de cette question viennent de « {value} », qui est vide dans practice.yaml — ajoutez-y des éléments, ou donnez les choix ici (choices)",
        "form_id_taken": "l'identifiant « {value} » est déjà celui d'un lien de ce fichier — un formulaire et un lien ne peuvent pas porter le même",
        "bad_repository": "le dépôt « {value} » n'est pas valide — écrivez propriétaire/nom, par exemple cisss-laurentides/offre-rcoc",
        "bad_branch": "la branche « {value} » n'est pas valide — écrivez son nom, par exemple main",
        "bad_folder": "le dossier « {value} » n'est pas valide — écrivez le chemin du dossier du contenu dans le dépôt, par exemple content (sans / au début ni ..)",
        "link_without_address": "le lien « {value} » ({label}) n'a pas d'adresse : il n'est montré nulle part — ajoutez son « url » dans contact.yaml, ou retirez-le d'ici",
        "no_way_to_ask": "le service « {title} » n'offre aucun moyen de faire une demande : ses liens n'ont pas d'adresse et il n'a ni courriel ni téléphone — ajoutez l'adresse d'un lien, « email » ou « phone », ou retirez « request »",
        "duplicate_slug": "l'adresse « {value} » est déjà celle du service de la ligne {other_line} — donnez à chaque service une adresse (slug) différente",
        "duplicate_form_slug": "l'adresse « {value} » est déjà celle du formulaire de la ligne {other_line} — donnez à chaque formulaire une adresse (slug) différente",
        "reserved_slug": "l'adresse « {value} » est déjà prise sur le site — choisissez-en une autre",
        "empty_list_value": "rien n'est écrit après « {key}: » — pour une section vide, écrivez « {key}: [] » (une liste vide) ; sinon, ajoutez ses éléments sur les lignes suivantes, chacun commençant par « - »",
        "bad_toll_free": "le numéro sans frais « {value} » n'est pas valide — écrivez 1 suivi d'un indicatif sans frais (800, 833, 844, 855, 866, 877 ou 888) et de 7 chiffres, par exemple 1 866 963-2777",
        "bad_province": "la province « {value} » n'est pas reconnue — écrivez son code de deux lettres : QC, ON, NB…",
        "bad_postal_code": "le code postal « {value} » n'est pas valide — écrivez-le sous la forme A1A 1A1, par exemple J7Z 4M2",
        "bad_day": "le jour « {value} » n'est pas reconnu — écrivez monday, tuesday, wednesday, thursday, friday, saturday ou sunday (en anglais, comme un identifiant)",
        "bad_time": "l'heure « {value} » n'est pas valide — écrivez-la sur 24 heures, par exemple 8:30 ou 16:30",
        "closes_before_opening": "l'heure de fermeture ({closes}) n'est pas après l'heure d'ouverture ({opens}) — corrigez l'une ou l'autre",
        "bad_media_path": "le chemin « {value} » n'est pas accepté — écrivez le chemin du fichier dans le dossier de contenu, avec des / et sans accents ni espaces (ex. : images/signature.svg)",
        "bad_media_type": "« {value} » n'est pas d'un type accepté ici — choisissez un fichier {allowed}",
        "media_missing": "le fichier « {value} » est introuvable dans {folder} — ajoutez-le, ou corrigez son nom",
        "media_outside": "le fichier « {value} » mène hors du dossier de contenu {folder} — placez l'image dans ce dossier",
        "media_too_big": "le fichier « {value} » fait {size} octets, la limite est de {limit} — réduisez l'image",
        "media_too_many_pixels": "l'image « {value} » fait {width} × {height} pixels, trop pour une brochure — réduisez-la (3 000 pixels de côté suffisent)",
        "media_not_image": "le fichier « {value} » n'est pas une image {kind} lisible — enregistrez-le de nouveau au format {kind}",
        "media_unreadable": "le fichier « {value} » ne peut pas être lu : {reason}",
        "svg_unsafe": "l'image « {value} » contient {what}, qui n'est pas accepté dans une image (script, événement, élément ou adresse extérieurs) — exportez-la de nouveau en SVG simple",
        "long_qr_address": "l'adresse du lien « {value} », imprimée sous son code QR, fait {length} caractères (plus de {limit}) : elle s'étendra sur plusieurs lignes de la brochure — donnez l'adresse du site (« public_url » sous « site » dans organisation.yaml) pour qu'une adresse courte soit imprimée à sa place",
        "form_without_qr": "la brochure n'imprimera pas de code QR vers le formulaire « {value} » : sa page n'a pas d'adresse complète tant que l'adresse publique du site n'est pas donnée (les codes QR des liens, eux, mènent à leur propre adresse) — donnez « public_url » sous « site » dans organisation.yaml; d'ici là, la brochure ne fait que nommer le formulaire",
        "long_phone_name": "le nom du site, « {value} » ({length} caractères), sera coupé dans l'en-tête d'un téléphone, qui n'en montre que trois courtes lignes — donnez le sigle de l'équipe (« team_short » sous « organisation ») : l'en-tête d'un téléphone dira alors le sigle et le nom court de l'établissement",
        "no_signature": "aucune signature (logo) de l'organisation n'est donnée — ajoutez « signature: images/signature.svg » à « organisation » (un fichier SVG ou PNG du dossier de contenu); la brochure n'affiche pour l'instant que le nom",
        "no_content_folder": "le dossier de contenu est introuvable — vérifiez le chemin donné à --content (il doit contenir les dossiers fr/ et en/)",
        "not_a_file": "ce n'est pas un fichier ordinaire (un dossier, un tube ou un périphérique porte ce nom) — remplacez-le par le fichier YAML",
        "unreadable": "le fichier ne peut pas être lu : {reason}",
        "file_too_big": "le fichier fait {size} octets, la limite est de {limit} (une offre entière en fait environ 10 000) — retirez ce qui n'y a pas sa place",
        "control_character": "un caractère invisible qui n'est pas du texte ({character}, un caractère de contrôle) est à cet endroit — effacez-le (retapez le texte autour s'il le faut)",
        "several_documents": "le fichier contient plusieurs documents YAML (une ligne « --- ») — gardez un seul document par fichier",
        "complex_key": "une clé doit être un simple mot (« clé: valeur »), pas une liste ni un alias — corrigez cette ligne",
        "too_deep": "les listes et les clés sont imbriquées sur plus de {limit} niveaux — le contenu n'en demande jamais autant ; vérifiez les crochets et le retrait",
        "too_many_values": "une fois ses alias (*nom) développés, le fichier compte plus de {limit} valeurs — n'utilisez pas d'alias : écrivez chaque texte en entier",
        "recursive_alias": "l'alias « *{name} » renvoie à l'élément qui le contient (une boucle) — écrivez le texte en entier au lieu de l'alias",
        "unknown_alias": "l'alias « *{name} » ne renvoie à aucune ancre « &{name} » définie avant lui — écrivez le texte en entier",
        "yaml_tag": "l'étiquette YAML « {tag} » n'est pas acceptée — retirez-la : le contenu n'est que du texte, des listes et des clés",
        "too_long": "ce texte fait {length} caractères, la limite est de {limit} — raccourcissez-le ou découpez-le en plusieurs paragraphes",
        "id_too_long": "cet identifiant fait {length} caractères, la limite est de {limit} — choisissez un identifiant plus court (il sert dans les adresses des pages)",
        "too_many_items": "cette liste a {count} éléments, la limite est de {limit} — retirez-en ou regroupez-les",
        "bad_url_character": "l'adresse « {value} » contient un caractère interdit dans une adresse ({character}) — retirez-le, ou écrivez-le encodé (%20 pour une espace, %22 pour \", %27 pour ')",
        "url_credentials": "l'adresse « {value} » contient un nom d'utilisateur ou un mot de passe — retirez la partie « nom:mot-de-passe@ » : elle serait imprimée et publiée",
        "bad_host": "le nom de domaine « {host} » de l'adresse « {value} » n'est pas valide — vérifiez son orthographe",
        "bad_public_url": "l'adresse publique « {value} » doit être l'adresse du site lui-même — écrivez https://domaine/ (éventuellement suivi d'un dossier), sans « ? » ni « # »",
        "qr_too_long": "l'adresse fait {length} caractères une fois encodée : trop pour un code QR lisible sur papier (au plus {limit}) — donnez l'adresse publique du site (site: public_url) pour imprimer de courtes adresses, ou choisissez une adresse plus courte",
        "missing_file": "le fichier est introuvable — recréez-le (copiez-le de l'autre langue et traduisez-le)",
        "not_utf8": "le fichier n'est pas enregistré en UTF-8 — dans votre éditeur, choisissez « Enregistrer avec l'encodage UTF-8 »",
        "empty_file": "le fichier est vide — remettez son contenu (voyez le même fichier dans l'autre langue)",
        "tab_indent": "une tabulation sert de retrait — remplacez-la par des espaces (2 espaces par niveau)",
        "unclosed_quote": "un guillemet ouvert ici n'est jamais fermé — ajoutez le guillemet fermant à la fin du texte",
        "colon_in_text": "un deux-points suivi d'une espace dans un texte est lu comme une nouvelle clé — mettez tout le texte entre guillemets doubles \"…\"",
        "bad_indent": "le retrait de cette ligne ne correspond pas à celui des lignes voisines — alignez-la sur les autres éléments du même niveau",
        "missing_colon": "cette ligne n'a pas la forme « clé: valeur » — ajoutez le deux-points après le nom de la clé",
        "yaml_syntax": "la syntaxe YAML est incorrecte ({detail}) — vérifiez cette ligne et celle qui la précède",
        "duplicate_key": "la clé « {key} » apparaît deux fois — gardez-en une seule",
        "not_a_mapping": "le fichier doit contenir des clés (« clé: valeur ») — voyez le même fichier dans l'autre langue",
        "missing": "le champ obligatoire « {field} » manque — ajoutez-le{where}",
        "empty_text": "ce texte est vide — écrivez-le, ou retirez la ligne si le champ est facultatif",
        "empty_value": "rien n'est écrit après le deux-points — écrivez la valeur, ou retirez la ligne si le champ est facultatif",
        "empty_list": "cette liste est vide — ajoutez au moins un élément (une ligne qui commence par « - »)",
        "wrong_type": "on attend {expected} ici — {advice}",
        "unknown_key": "la clé « {key} » n'existe pas{suggestion} — corrigez son nom ou retirez-la",
        "bad_url": "l'adresse « {value} » n'est pas acceptée — écrivez une adresse complète qui commence par https://, http://, mailto: ou tel:",
        "bad_email": "l'adresse courriel « {value} » n'est pas valide — écrivez-la sous la forme nom@domaine.qc.ca, sans espace",
        "bad_phone": "le numéro de téléphone « {value} » n'est pas valide — écrivez 10 chiffres, par exemple 450 433-2777 (le poste va dans « extension »)",
        "bad_extension": "le poste « {value} » n'est pas valide — écrivez seulement les chiffres du poste, par exemple 65139",
        "bad_id": "l'identifiant « {value} » n'est pas valide — utilisez des minuscules sans accents, des chiffres et des traits d'union (ex. : soutien-logement)",
        "duplicate_id": "l'identifiant « {value} » est déjà utilisé à la ligne {other_line} — donnez un identifiant différent à chaque élément",
        "unknown_link": "aucun lien n'a l'identifiant « {value} » dans {contact_file}{suggestion} — corrigez l'identifiant ou ajoutez ce lien",
        "contact_needs_one": "ce contact n'a aucun moyen de joindre l'équipe — ajoutez au moins l'un de « phone », « toll_free », « tty », « email », « address » ou « link »",
        "extension_without_phone": "un poste est donné sans numéro de téléphone — ajoutez « phone » ou retirez « extension »",
        "qr_without_url": "un code QR est demandé pour un lien sans adresse — ajoutez « url » ou mettez « qr: false »",
        "no_twin": "« {value} » n'existe pas dans {other_file} — ajoutez-y l'élément traduit avec le même identifiant, ou retirez celui-ci des deux langues",
        "parity_count": "{what} : le nombre d'éléments diffère de {other_file} — les deux langues doivent décrire les mêmes choses",
        "twin_differs": "{field}\u00a0: «\u00a0{value}\u00a0» ici, mais «\u00a0{other_value}\u00a0» dans l'autre langue ({other_place}) — c'est la même chose dans les deux langues\u00a0: écrivez la bonne valeur aux deux endroits",
        "placeholder": "«\u00a0{value}\u00a0» vient de l'offre de départ — remplacez-le par le vôtre (offre build ne publie pas tant qu'il en reste; offre build --draft fait un brouillon)",
        "parity_missing_section": "« {field} » existe ici mais pas dans {other_file} — ajoutez-le dans l'autre langue ou retirez-le ici",
        "translation_behind": "{what}\u00a0: {ahead} a changé {when}, {behind} pas depuis {since}\n    → mettez {behind} à jour d'après {other}, ou marquez-le vérifié si rien n'était à traduire (offre check --verbose)",
        "translation_behind_verbose": "\n    clé\u00a0: {key} — dans l'éditeur, «\u00a0Traductions vérifiées\u00a0», ou dans {marks}, sous «\u00a0reviewed:\u00a0»\u00a0: {mark}",
        "review_unknown": "«\u00a0{value}\u00a0» ne désigne aucun texte du contenu — corrigez-le tel que l'avertissement le nommait, ou retirez cette ligne",
        "bad_text_path": "«\u00a0{value}\u00a0» ne désigne pas un texte — copiez-le tel que l'avertissement le nomme (ex.\u00a0: services.yaml/services/psoc/summary)",
        "bad_date": "la date «\u00a0{value}\u00a0» n'est pas valide — écrivez-la sous la forme année-mois-jour, par exemple 2026-11-20",
        "date_ignored": "le commit {commit} est daté après l'an 9999 ({value} secondes depuis 1970)\u00a0: sa date est ignorée{others} — l'horloge de l'ordinateur qui l'a fait était déréglée; rien n'est à corriger dans le contenu",
        "epoch_ignored": "la variable d'environnement SOURCE_DATE_EPOCH («\u00a0{value}\u00a0») n'est pas un nombre de secondes depuis 1970 avant l'an 10000\u00a0: elle est ignorée — corrigez ou retirez cette variable",
        "history_cut": "git n'a pas donné l'historique du contenu en {seconds}\u00a0s\u00a0: il n'a été lu qu'en partie, ou pas du tout, et une traduction en retard peut ne pas être signalée cette fois — vérifiez que «\u00a0git log\u00a0» répond dans ce dossier",
    },
    "en": {
        "bad_language": "the language \"{value}\" is not known — write fr or en (the target page's language)",
        "bad_git_host": "the host \"{value}\" is not known — write github or gitlab",
        "bad_field_kind": "the kind of answer \"{value}\" is not known — write text, long_text, email, phone, choice or choices",
        "bad_choice_source": "\"{value}\" is not a source of choices — write territories, audiences or services",
        "choice_without_choices": "this choice question has no choices — add \"choices\" (its choices) or \"choices_from\" (territories, audiences or services)",
        "choices_twice": "this question has both \"choices\" and \"choices_from\" — keep one of them",
        "choices_without_choice": "a question of kind \"{kind}\" has no choices — remove \"choices\" and \"choices_from\", or write kind: choice",
        "choices_from_empty": "this question's choices come from \"{value}\", which is empty in practice.yaml — add items there, or give the choices here (choices)",
        "form_id_taken": "the id \"{value}\" is already a link's in this file — a form and a link cannot share one",
        "bad_repository": "the repository \"{value}\" is not valid — write owner/name, for example cisss-laurentides/offre-rcoc",
        "bad_branch": "the branch \"{value}\" is not valid — write its name, for example main",
        "bad_folder": "the folder \"{value}\" is not valid — write the content folder's path in the repository, for example content (no leading / and no ..)",
        "link_without_address": "the link \"{value}\" ({label}) has no address: it is shown nowhere — add its \"url\" in contact.yaml, or remove it from here",
        "no_way_to_ask": "the service \"{title}\" offers no way to ask: its links have no address and it has neither e-mail nor phone — add a link's address, \"email\" or \"phone\", or remove \"request\"",
        "duplicate_slug": "the address \"{value}\" is already the one of the service on line {other_line} — give each service a different address (slug)",
        "duplicate_form_slug": "the address \"{value}\" is already the one of the form on line {other_line} — give each form a different address (slug)",
        "reserved_slug": "the address \"{value}\" is already taken on the site — choose another one",
        "empty_list_value": "nothing is written after \"{key}:\" — for an empty section, write \"{key}: []\" (an empty list); otherwise add its items on the next lines, each starting with \"- \"",
        "bad_toll_free": "the toll-free number \"{value}\" is not valid — write 1 then a toll-free area code (800, 833, 844, 855, 866, 877 or 888) and 7 digits, e.g. 1-866-963-2777",
        "bad_province": "the province \"{value}\" is not known — write its two-letter code: QC, ON, NB…",
        "bad_postal_code": "the postal code \"{value}\" is not valid — write it as A1A 1A1, e.g. J7Z 4M2",
        "bad_day": "the day \"{value}\" is not known — write monday, tuesday, wednesday, thursday, friday, saturday or sunday",
        "bad_time": "the time \"{value}\" is not valid — write it on 24 hours, e.g. 8:30 or 16:30",
        "closes_before_opening": "the closing time ({closes}) is not after the opening time ({opens}) — correct one or the other",
        "bad_media_path": "the path \"{value}\" is not accepted — write the file's path within the content folder, with / and no accents or spaces (e.g. images/signature.svg)",
        "bad_media_type": "\"{value}\" is not of a type accepted here — choose a {allowed} file",
        "media_missing": "the file \"{value}\" cannot be found in {folder} — add it, or correct its name",
        "media_outside": "the file \"{value}\" leads out of the content folder {folder} — put the image in that folder",
        "media_too_big": "the file \"{value}\" is {size} bytes, the limit is {limit} — make the image smaller",
        "media_too_many_pixels": "the image \"{value}\" is {width} × {height} pixels, too many for a brochure — make it smaller (3,000 pixels a side is plenty)",
        "media_not_image": "the file \"{value}\" is not a readable {kind} image — save it again as {kind}",
        "media_unreadable": "the file \"{value}\" cannot be read: {reason}",
        "svg_unsafe": "the image \"{value}\" contains {what}, which an image may not hold (a script, an event, an outside element or address) — export it again as plain SVG",
        "long_qr_address": "the address of the link \"{value}\", printed under its QR code, is {length} characters long (more than {limit}): it will run over several lines of the brochure — give the site's address (\"public_url\" under \"site\" in organisation.yaml) so that a short address is printed instead",
        "form_without_qr": "the brochure will print no QR code to the form \"{value}\": its page has no full address until the site's public address is given (the links' QR codes lead to their own addresses) — give \"public_url\" under \"site\" in organisation.yaml; until then, the brochure only names the form",
        "long_phone_name": "the site's name, \"{value}\" ({length} characters), will be cut in a phone's header, which shows only three short lines of it — give the team's acronym (\"team_short\" under \"organisation\"): a phone's header will then say the acronym and the institution's short name",
        "no_signature": "no signature (logo) of the organisation is given — add \"signature: images/signature.svg\" under \"organisation\" (an SVG or PNG file of the content folder); for now the brochure shows only the name",
        "no_content_folder": "the content folder cannot be found — check the path given to --content (it must hold the fr/ and en/ folders)",
        "not_a_file": "this is not a regular file (a folder, pipe or device has this name) — replace it with the YAML file",
        "unreadable": "the file cannot be read: {reason}",
        "file_too_big": "the file is {size} bytes, the limit is {limit} (a whole offer is about 10,000) — remove what does not belong here",
        "control_character": "an invisible character that is not text ({character}, a control character) is here — delete it (retype the text around it if need be)",
        "several_documents": "the file holds several YAML documents (a \"---\" line) — keep one document per file",
        "complex_key": "a key must be a plain word (\"key: value\"), not a list or an alias — correct this line",
        "too_deep": "lists and keys are nested more than {limit} levels deep — the content never needs that many; check the brackets and the indentation",
        "too_many_values": "once its aliases (*name) are expanded, the file holds more than {limit} values — do not use aliases: write each text in full",
        "recursive_alias": "the alias \"*{name}\" refers to the item that contains it (a loop) — write the text in full instead of the alias",
        "unknown_alias": "the alias \"*{name}\" refers to no anchor \"&{name}\" defined before it — write the text in full",
        "yaml_tag": "the YAML tag \"{tag}\" is not accepted — remove it: the content is only text, lists and keys",
        "too_long": "this text is {length} characters long, the limit is {limit} — shorten it or split it into several paragraphs",
        "id_too_long": "this id is {length} characters long, the limit is {limit} — choose a shorter id (it is used in page addresses)",
        "too_many_items": "this list has {count} items, the limit is {limit} — remove some or group them",
        "bad_url_character": "the address \"{value}\" contains a character not allowed in an address ({character}) — remove it, or write it encoded (%20 for a space, %22 for \", %27 for ')",
        "url_credentials": "the address \"{value}\" contains a user name or password — remove the \"name:password@\" part: it would be printed and published",
        "bad_host": "the domain name \"{host}\" of the address \"{value}\" is not valid — check its spelling",
        "bad_public_url": "the public address \"{value}\" must be the site's own address — write https://domain/ (a folder may follow), with no \"?\" or \"#\"",
        "qr_too_long": "the address is {length} characters long once encoded: too long for a QR code that scans from paper (at most {limit}) — give the site's public address (site: public_url) to print short addresses, or choose a shorter address",
        "missing_file": "the file cannot be found — create it again (copy it from the other language and translate it)",
        "not_utf8": "the file is not saved as UTF-8 — in your editor, choose \"Save with encoding UTF-8\"",
        "empty_file": "the file is empty — put its content back (see the same file in the other language)",
        "tab_indent": "a tab is used for indentation — replace it with spaces (2 spaces per level)",
        "unclosed_quote": "a quote opened here is never closed — add the closing quote at the end of the text",
        "colon_in_text": "a colon followed by a space inside a text is read as a new key — put the whole text in double quotes \"…\"",
        "bad_indent": "this line's indentation does not match the lines around it — align it with the other items of the same level",
        "missing_colon": "this line is not of the form \"key: value\" — add the colon after the key's name",
        "yaml_syntax": "the YAML syntax is wrong ({detail}) — check this line and the one before it",
        "duplicate_key": "the key \"{key}\" appears twice — keep only one",
        "not_a_mapping": "the file must contain keys (\"key: value\") — see the same file in the other language",
        "missing": "the required field \"{field}\" is missing — add it{where}",
        "empty_text": "this text is empty — write it, or remove the line if the field is optional",
        "empty_value": "nothing is written after the colon — write the value, or remove the line if the field is optional",
        "empty_list": "this list is empty — add at least one item (a line starting with \"- \")",
        "wrong_type": "{expected} is expected here — {advice}",
        "unknown_key": "there is no key \"{key}\"{suggestion} — correct its name or remove it",
        "bad_url": "the address \"{value}\" is not accepted — write a full address starting with https://, http://, mailto: or tel:",
        "bad_email": "the e-mail address \"{value}\" is not valid — write it as name@domain.qc.ca, with no spaces",
        "bad_phone": "the phone number \"{value}\" is not valid — write 10 digits, e.g. 450 433-2777 (the extension goes in \"extension\")",
        "bad_extension": "the extension \"{value}\" is not valid — write only the extension's digits, e.g. 65139",
        "bad_id": "the id \"{value}\" is not valid — use lower-case letters without accents, digits and hyphens (e.g. housing-support)",
        "duplicate_id": "the id \"{value}\" is already used on line {other_line} — give each item a different id",
        "unknown_link": "no link has the id \"{value}\" in {contact_file}{suggestion} — correct the id or add that link",
        "contact_needs_one": "this contact has no way to reach the team — add at least one of \"phone\", \"toll_free\", \"tty\", \"email\", \"address\" or \"link\"",
        "extension_without_phone": "an extension is given without a phone number — add \"phone\" or remove \"extension\"",
        "qr_without_url": "a QR code is asked for a link with no address — add \"url\" or set \"qr: false\"",
        "no_twin": "\"{value}\" does not exist in {other_file} — add the translated item there with the same id, or remove this one from both languages",
        "parity_count": "{what}: the number of items differs from {other_file} — both languages must describe the same things",
        "twin_differs": "{field}: \"{value}\" here, but \"{other_value}\" in the other language ({other_place}) — it is the same in both languages: write the right value in both places",
        "placeholder": "\"{value}\" comes from the starter offer — replace it with yours (offre build does not publish while one is left; offre build --draft makes a draft)",
        "parity_missing_section": "\"{field}\" exists here but not in {other_file} — add it to the other language or remove it here",
        "translation_behind": "{what}: {ahead} changed {when}; {behind} has not since {since}\n    → update {behind} from {other}, or mark it reviewed if nothing needed translating (offre check --verbose)",
        "translation_behind_verbose": "\n    key: {key} — in the editor, \"Translations reviewed\", or in {marks}, under \"reviewed:\": {mark}",
        "review_unknown": "\"{value}\" names no text of the content — correct it as the warning named it, or remove this line",
        "bad_text_path": "\"{value}\" does not name a text — copy it as the warning names it (e.g. services.yaml/services/psoc/summary)",
        "bad_date": "the date \"{value}\" is not valid — write it as year-month-day, e.g. 2026-11-20",
        "date_ignored": "commit {commit} is dated after the year 9999 ({value} seconds since 1970): its date is ignored{others} — the clock of the computer that made it was wrong; nothing in the content needs correcting",
        "epoch_ignored": "the environment variable SOURCE_DATE_EPOCH (\"{value}\") is not a number of seconds since 1970 before the year 10000: it is ignored — correct or remove this variable",
        "history_cut": "git did not give the content's history within {seconds} s: it was read only in part, or not at all, and a translation behind may go unreported this time — check that \"git log\" answers in this folder",
    },
}

TYPE_NAMES = {
    "fr": {
        "text": ("un texte", "écrivez le texte après le deux-points, sur la même ligne"),
        "list": ("une liste", "écrivez un élément par ligne, chacun commençant par « - »"),
        "mapping": ("des clés (« clé: valeur »)", "voyez la même section dans l'autre langue"),
        "bool": ("true ou false", "écrivez true (oui) ou false (non)"),
    },
    "en": {
        "text": ("a text", "write the text after the colon, on the same line"),
        "list": ("a list", "write one item per line, each starting with \"- \""),
        "mapping": ("keys (\"key: value\")", "see the same section in the other language"),
        "bool": ("true or false", "write true (yes) or false (no)"),
    },
}

@dataclass(frozen=True)
class Problem:
    """One thing wrong in one place of one content file."""

    path: Path
    line: int
    column: int
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def __init__(self, path: Path, line: int, column: int, code: str, **params: Any) -> None:
        object.__setattr__(self, "path", Path(path))
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "column", column)
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "params", params)

    def message(self, language: str | None = None, *, verbose: bool = False) -> str:
        """What is wrong and what to do; `verbose` (`--verbose`): with the internal keys
        a message keeps for those who ask (a `<code>_verbose` entry of MESSAGES)."""
        language = language or message_language()
        template = MESSAGES[language][self.code]
        if verbose:
            template += MESSAGES[language].get(self.code + "_verbose", "")
        params = {key: _localise(value, language) for key, value in self.params.items()}
        return template.format_map(_Defaults(params))

    def place(self) -> str:
        """Where, as editors and terminals link it: `file:line:column` (the file alone
        for a problem about a folder or a whole file)."""
        if self.line == 0:
            return display_path(self.path)
        return f"{display_path(self.path)}:{self.line}:{self.column}"

    def __str__(self) -> str:
        return f"{self.place()}: {self.message()}"


class _Defaults(dict):
    def __missing__(self, key: str) -> str:
        return ""


def _localise(value: Any, language: str) -> Any:
    """Params may carry one text per language (a dict with 'fr' and 'en')."""
    if isinstance(value, dict) and set(value) == {"fr", "en"}:
        return value[language]
    if isinstance(value, Path):
        return display_path(value)
    if isinstance(value, str):
        return shown(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 10_000:  # 800 161 / 800,161
        return f"{value:,}".replace(",", "\u00a0" if language == "fr" else ",")
    return value


class ContentProblems(Exception):
    """Raised with every problem found in one run, never only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (str(p.path), p.line, p.column))
        super().__init__("\n".join(str(problem) for problem in self.problems))
