"""The commented `practice.yaml` that `init` writes: its comments and placeholders in English, or
in Spanish for `init --language es` (the keys, and the day names of opening hours, stay English:
they are the file's format)."""

from __future__ import annotations

__all__ = ["PRACTICE_TEMPLATE", "PRACTICE_TEMPLATE_ES", "practice_template"]


PRACTICE_TEMPLATE = """\
# The practice's knowledge base: every page, listing and piece of structured data is built from
# this file and the Markdown articles in articles/. Replace each TODO with your own facts;
# `nmt-content check` lists what is still a placeholder or missing. Leave out what you do not
# know rather than guess: an empty field is reported, an invented one is published.

practice:
  # The public name, as on your sign and your Google Business Profile.
  name: "TODO: Practice name"
  # The site's address. A reserved .example domain is a placeholder that `check` reports;
  # set the real one before you publish (or pass --base-url to build).
  url: https://your-practice.example/
  # One or two sentences on what you offer and where: the home page's search-result snippet.
  description: "TODO: One or two sentences on the massage you offer and the town you work in."
  # Optional, when you publish them:
  # telephone: "+1-555-555-0100"     # the main phone number
  # email: hello@your-practice.example
  # booking_url: https://…           # where "Book a session" points
  # price_range: "$$"
  # same_as: [https://…]             # your Google Business Profile, Yelp, Facebook…
  # Images and other files go into static/, which is published as it is:
  # static/images/logo.png is served at /images/logo.png.
  # logo: /images/logo.png            # a square logo, at least 112 × 112 px
  # image: /images/office.jpg         # a photo for link previews, at least 1200 px wide
  # The schema.org type of each office; medical types are refused.
  business_type: HealthAndBeautyBusiness
  # The site's language (BCP 47).
  language: en-US
  # lint:
  #   credential_warning_days: 60    # `check` warns this many days before a credential expires

# Any entry below (an office, a therapist, a credential, a service) may tell `check` to skip a
# rule, with the reason, which every report shows:
#   check: {ignore: [RULE-ID], reason: "Why it does not apply here"}
# In YAML, " #" starts a comment even inside a value: quote values with a # ("Suite #4").

# Offices: at least one. Each gets a page, and appears in every page's footer.
locations:
  - id: main                         # a short key; also the page's URL (/locations/main/)
    name: "TODO: Office name"
    address:
      locality: "TODO: City"         # the city or town
      region: CA                     # the state, two letters
      country: US
      # street: "TODO: 123 Main St"  # add when you publish it; `check` asks for it
      # postal_code: "TODO"
    # telephone: "+1-555-555-0100"
    # opening_hours:
    #   - {days: [Monday, Wednesday, Friday], opens: "09:00", closes: "17:00"}
    # geo: {latitude: 0.00000, longitude: 0.00000}   # the entrance, five decimals
    # area_served:                   # towns clients come from, each with its county
    #   - {name: "TODO: Town", county: "TODO: County"}
    # description: >-                # the office page's lead and search snippet (120–156 characters)
    #   What is special about this office: rooms, access, hours.
    # image: /images/office.jpg       # a photo of the office
    # email: office@your-practice.example
    # booking_url: https://…         # this office's own booking page
    # map_url: https://…             # the office on a map
    # same_as: [https://…]           # this office's Google Business Profile, Yelp…
    # special_hours:                 # holidays and other dates with their own hours
    #   - {date: 2030-12-25, name: Christmas Day, closed: true}
    #   - {date: 2030-12-24, name: Christmas Eve, opens: "09:00", closes: "13:00"}
    # by_appointment: true           # sessions by appointment only
    # payment_accepted: [Cash, Credit card]

# Therapists: at least one. Articles name their author by id.
therapists:
  - id: therapist                    # a short key, e.g. your first name in lower case
    name: "TODO: Your name as on your certificate"
    job_title: Massage therapist
    # bio: >-
    #   A few sentences about you, in your own words (Markdown).
    # profile: >-                    # a longer text for your own profile page (Markdown)
    #   More about your training and how you work.
    # offices: [main]                # the offices you work at (all when left out)
    # languages: [English]           # the languages you give sessions in
    # Certificates and licences: add each with its issuer and number, e.g. the CAMTC
    # certificate. `check` reports advertising without a certificate number.
    credentials: []
    #   - name: Certified Massage Therapist
    #     category: certificate      # certificate, license or degree
    #     issuer: {name: California Massage Therapy Council, short_name: CAMTC}
    #     identifier: "TODO"         # the certificate number
    #     expires: 2030-01-01        # so `check` can warn before it lapses
    #   - name: Licensed Massage Therapist   # a licence from another state's board
    #     category: license
    #     issuer: {name: Oregon Board of Massage Therapists}
    #     jurisdiction: OR           # the state; shown with the licence
    #     identifier: "TODO"
    #     expires: 2030-01-01

# Services: what clients can book. Each gets a page; articles link to them by id.
services:
  - id: massage                      # a short key; the page is /services/<slug of the name>/
    name: Massage therapy
    description: "TODO: One or two sentences on what this session is and who it helps."
    # duration_minutes: 60
    # price: {amount: 90, currency: USD}
    # therapists: [therapist]        # who gives it (everyone when left out)
    # offers:                        # several lengths or prices, instead of price above
    #   - {duration_minutes: 60, price: {amount: 90}}
    #   - {duration_minutes: 90, price: {amount: 130}, locations: [main]}   # only at this office
"""

PRACTICE_TEMPLATE_ES = """\
# La base de conocimiento de la consulta: cada página, listado y dato estructurado se genera a
# partir de este archivo y de los artículos en Markdown de articles/. Sustituya cada TODO por sus
# propios datos; `nmt-content check` indica lo que sigue siendo provisional o falta. Deje fuera lo
# que no sepa en lugar de adivinarlo: un campo vacío se señala, uno inventado se publica.
# Los nombres de los campos (name, url…) y los días de la semana (Monday…) van en inglés.

practice:
  # El nombre público, como en su letrero y en su perfil de Google Business.
  name: "TODO: Nombre de la consulta"
  # La dirección del sitio. Un dominio reservado .example es provisional y `check` lo señala;
  # ponga el real antes de publicar (o pase --base-url a build).
  url: https://your-practice.example/
  # Una o dos frases sobre lo que ofrece y dónde: el texto de la página de inicio en los buscadores.
  description: "TODO: Una o dos frases sobre el masaje que ofrece y la ciudad donde trabaja."
  # Opcional, cuando los publique:
  # telephone: "+1-555-555-0100"     # el teléfono principal
  # email: hello@your-practice.example
  # booking_url: https://…           # adónde lleva "Reservar una sesión"
  # price_range: "$$"
  # same_as: [https://…]             # su perfil de Google Business, Yelp, Facebook…
  # Las imágenes y otros archivos van en static/, que se publica tal cual:
  # static/images/logo.png se sirve en /images/logo.png.
  # logo: /images/logo.png            # un logotipo cuadrado, de al menos 112 × 112 px
  # image: /images/office.jpg         # una foto para las vistas previas, de al menos 1200 px de ancho
  # El tipo schema.org de cada oficina; los tipos médicos se rechazan.
  business_type: HealthAndBeautyBusiness
  # El idioma del sitio (BCP 47).
  language: es-US
  # lint:
  #   credential_warning_days: 60    # `check` avisa estos días antes de que venza una acreditación

# Cualquier entrada de abajo (una oficina, un terapeuta, una acreditación, un servicio) puede
# pedir a `check` que omita una regla, con el motivo, que todos los informes muestran:
#   check: {ignore: [RULE-ID], reason: "Por qué no se aplica aquí"}
# En YAML, " #" empieza un comentario incluso dentro de un valor: ponga entre comillas los
# valores con # ("Suite #4").

# Oficinas: al menos una. Cada una tiene su página y aparece en el pie de todas las páginas.
locations:
  - id: main                         # una clave corta; también la URL de la página (/locations/main/)
    name: "TODO: Nombre de la oficina"
    address:
      locality: "TODO: Ciudad"       # la ciudad o el pueblo
      region: CA                     # el estado, dos letras
      country: US
      # street: "TODO: 123 Main St"  # añádala cuando la publique; `check` la pide
      # postal_code: "TODO"
    # telephone: "+1-555-555-0100"
    # opening_hours:
    #   - {days: [Monday, Wednesday, Friday], opens: "09:00", closes: "17:00"}
    # geo: {latitude: 0.00000, longitude: 0.00000}   # la entrada, cinco decimales
    # area_served:                   # las localidades de donde vienen sus clientes, con su condado
    #   - {name: "TODO: Localidad", county: "TODO: Condado"}
    # description: >-                # la entrada y el texto de búsqueda de la oficina (120–156 caracteres)
    #   Lo que distingue a esta oficina: salas, acceso, horario.
    # image: /images/office.jpg       # una foto de la oficina
    # email: office@your-practice.example
    # booking_url: https://…         # la página de reservas de esta oficina
    # map_url: https://…             # la oficina en un mapa
    # same_as: [https://…]           # el perfil de Google Business de esta oficina, Yelp…
    # special_hours:                 # festivos y otras fechas con horario propio
    #   - {date: 2030-12-25, name: Navidad, closed: true}
    #   - {date: 2030-12-24, name: Nochebuena, opens: "09:00", closes: "13:00"}
    # by_appointment: true           # sesiones solo con cita previa
    # payment_accepted: [Efectivo, Tarjeta de crédito]

# Terapeutas: al menos uno. Los artículos nombran a su autor por su id.
therapists:
  - id: therapist                    # una clave corta, p. ej. su nombre de pila en minúsculas
    name: "TODO: Su nombre como figura en su certificado"
    job_title: Terapeuta de masaje
    # bio: >-
    #   Unas frases sobre usted, con sus propias palabras (Markdown).
    # profile: >-                    # un texto más largo para su página de perfil (Markdown)
    #   Más sobre su formación y su forma de trabajar.
    # offices: [main]                # las oficinas donde trabaja (todas si se omite)
    # languages: [Español, Inglés]   # los idiomas en que da sesiones
    # Certificados y licencias: añada cada uno con su emisor y su número, p. ej. el certificado
    # de CAMTC. `check` señala la publicidad sin número de certificado.
    credentials: []
    #   - name: Certified Massage Therapist   # el título de CAMTC, tal como se emite
    #     category: certificate      # certificate, license o degree
    #     issuer: {name: California Massage Therapy Council, short_name: CAMTC}
    #     identifier: "TODO"         # el número de certificado
    #     expires: 2030-01-01        # para que `check` avise antes de que venza
    #   - name: Licensed Massage Therapist   # una licencia de la junta de otro estado
    #     category: license
    #     issuer: {name: Oregon Board of Massage Therapists}
    #     jurisdiction: OR           # el estado; se muestra con la licencia
    #     identifier: "TODO"
    #     expires: 2030-01-01

# Servicios: lo que los clientes pueden reservar. Cada uno tiene su página; los artículos
# enlazan a ellos por su id.
services:
  - id: massage                      # una clave corta; la página es /services/<nombre en forma de URL>/
    name: Masaje terapéutico
    description: "TODO: Una o dos frases sobre en qué consiste esta sesión y a quién ayuda."
    # duration_minutes: 60
    # price: {amount: 90, currency: USD}
    # therapists: [therapist]        # quién la da (todos si se omite)
    # offers:                        # varias duraciones o precios, en lugar de price
    #   - {duration_minutes: 60, price: {amount: 90}}
    #   - {duration_minutes: 90, price: {amount: 130}, locations: [main]}   # solo en esta oficina
"""


def practice_template(language: str | None) -> str:
    """The template for a BCP 47 language: Spanish for ``es``/``es-*``, else English; the
    ``language`` field set to ``language`` when given."""
    primary = (language or "en").split("-")[0].lower()
    template, default = (
        (PRACTICE_TEMPLATE_ES, "es-US") if primary == "es" else (PRACTICE_TEMPLATE, "en-US")
    )
    if language:
        template = template.replace(f"  language: {default}\n", f"  language: {language}\n", 1)
    return template
