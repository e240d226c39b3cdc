"""The fixed material of the benchmark corpus: the practice and the words articles are made of."""

from __future__ import annotations

__all__ = [
    "ANGLES",
    "AUDIENCES",
    "HEADINGS",
    "KEYWORDS",
    "PRACTICE_YAML",
    "SERVICES",
    "THERAPIST",
    "TOPICS",
    "WORD_POOL",
]

PRACTICE_YAML = """\
# A benchmark practice: every fact is made up; the URL is under a reserved domain.
practice:
  name: Benchmark Massage Practice
  url: https://bench-practice.example/
  description: >-
    Massage, neuromuscular and craniosacral therapy in Mount Shasta and Redding, California,
    with a CAMTC Certified Massage Therapist.
  telephone: "+1-530-555-0100"
  business_type: HealthAndBeautyBusiness
  language: en-US

locations:
  - id: mount-shasta
    name: Mount Shasta office
    address:
      street: 100 Example Street
      locality: Mount Shasta
      region: CA
      postal_code: "96067"
      country: US
    telephone: "+1-530-555-0101"
    geo: {latitude: 41.31, longitude: -122.31}
    opening_hours:
      - {days: [Monday, Wednesday, Friday], opens: "09:00", closes: "17:00"}
    area_served:
      - name: Mount Shasta
        county: Siskiyou County
  - id: redding
    name: Redding office
    address:
      street: 200 Sample Avenue
      locality: Redding
      region: CA
      postal_code: "96001"
      country: US
    telephone: "+1-530-555-0102"
    geo: {latitude: 40.59, longitude: -122.39}
    opening_hours:
      - {days: [Tuesday, Thursday], opens: "10:00", closes: "18:00"}
    area_served:
      - name: Redding
        county: Shasta County

therapists:
  - id: pat
    name: Pat Example
    job_title: Massage therapist
    bio: >-
      Pat has worked as a massage therapist for twelve years, with offices in Mount Shasta and
      Redding.
    insured: true
    knows_about:
      - Neuromuscular therapy
      - Craniosacral therapy
      - Massage therapy
    credentials:
      - name: Certified Massage Therapist
        category: certificate
        issuer:
          name: California Massage Therapy Council
          short_name: CAMTC
          url: https://www.camtc.org
        identifier: "10001"
        hours: 1000
      - name: Neuromuscular Therapist
        category: certificate
        issuer:
          name: Example School of Bodywork
        hours: 500

services:
  - id: massage-therapy
    name: Massage therapy
    slug: massage-therapy
    description: >-
      Therapeutic massage for muscle tension, everyday stress and recovery after hard work or
      sport, in our offices in Mount Shasta and Redding.
    service_type: Massage therapy
  - id: neuromuscular-therapy
    name: Neuromuscular therapy
    slug: neuromuscular-therapy
    description: >-
      Neuromuscular therapy: focused, steady pressure on trigger points to ease muscular tension,
      in both of our offices in Mount Shasta and Redding.
    service_type: Massage therapy
  - id: craniosacral-therapy
    name: Craniosacral therapy
    slug: craniosacral-therapy
    description: >-
      Gentle, hands-on craniosacral therapy sessions with a CAMTC Certified Massage Therapist, in
      Mount Shasta and Redding, California.
    service_type: Bodywork
"""

THERAPIST = "pat"
SERVICES = ("massage-therapy", "neuromuscular-therapy", "craniosacral-therapy")

# (topic, condition name or "", ICD-10-CM code or "")
TOPICS = (
    ("lower back pain", "Low back pain", "M54.50"),
    ("neck tension", "Neck pain", "M54.2"),
    ("shoulder stiffness", "", ""),
    ("tension headaches", "Tension-type headache", "G44.209"),
    ("sciatica", "Sciatica", ""),
    ("hip tightness", "", ""),
    ("desk posture", "", ""),
    ("runner's knee", "Patellofemoral pain syndrome", ""),
    ("everyday stress", "", ""),
    ("restless sleep", "", ""),
    ("plantar fasciitis", "Plantar fasciitis", "M72.2"),
    ("jaw tension", "", ""),
    ("upper back pain", "", ""),
    ("recovery after hiking", "", ""),
    ("forearm tightness", "", ""),
    ("calf cramps", "", ""),
    ("piriformis tension", "", ""),
    ("rib cage tightness", "", ""),
    ("whiplash recovery", "Whiplash injury", ""),
    ("carpal tunnel symptoms", "Carpal tunnel syndrome", "G56.00"),
)
ANGLES = (
    "What to Expect",
    "A Practical Guide",
    "Questions and Answers",
    "How Massage Can Help",
    "Simple Habits Between Sessions",
    "When to See a Doctor",
    "Myths and Facts",
    "Your First Session",
    "Stretches to Try at Home",
    "What the Research Says",
)
AUDIENCES = (
    "Office Workers",
    "Runners",
    "Hikers",
    "Parents",
    "Older Adults",
    "Cyclists",
    "Gardeners",
    "Musicians",
    "Drivers",
    "Students",
    "Climbers",
    "Skiers",
)
HEADINGS = (
    "What {topic} feels like",
    "Why {topic} happens",
    "How a session works",
    "What we look for first",
    "Pressure, comfort and feedback",
    "Habits that help between visits",
    "Stretches worth trying",
    "When to talk to your doctor",
    "How many sessions people book",
    "What to wear and bring",
    "After the session",
    "Questions clients often ask",
    "Putting it together",
)
KEYWORDS = (
    "massage therapy",
    "neuromuscular therapy",
    "craniosacral therapy",
    "trigger points",
    "self-care",
    "posture",
    "stretching",
    "recovery",
    "stress relief",
    "mobility",
)
WORD_POOL = """
the the the the a a a and and and of of of to to to in in is is it it for for with with as
on on can can be be your your you you this they their more when often also not but by from at
some many most people who which how help may or that that
muscle muscles tension pressure session sessions therapist client clients breathing posture
movement comfort tissue fascia stretch rest recovery habit habits walk sit stand shoulder
shoulders neck back hip hips leg legs arm hand foot feet water sleep stress calm communication
feedback range motion strength balance routine week weeks month appointment schedule office
practice hands technique approach response body attention warmth circulation stiffness
soreness ease support chair desk screen hours day evening morning table towel pillow notes plan
gentle steady slow careful focused relaxed daily warm cool light deep firm small regular
comfortable tired tight sore easy simple useful common gradual long short quiet
"""
