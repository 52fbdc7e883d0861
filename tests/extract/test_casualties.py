"""Victim counts (sitrep.extract.events.casualties), through the whole pipeline on short hand-written reports."""

from __future__ import annotations

import pytest

import sitrep
from sitrep.knowledge.languages import lexicons


def attack(text: str) -> sitrep.Event:
    doc = sitrep.analyze(text, published="2024-05-15")
    found = [ev for ev in doc.events if ev.type == "ASSAULT"]
    assert len(found) == 1, [ev.type for ev in doc.events]
    return found[0]


@pytest.mark.parametrize(
    ("text", "kind", "low", "best", "high"),
    [
        ("At least five police and two civilians were killed in a blast in Quetta.", "fatalities", 7, 7, None),
        ("Gunmen killed over 140 civilians at a concert hall near Moscow.", "fatalities", 140, 140, None),
        ("A bomb exploded in a market in Peshawar, wounding twenty-one people.", "injuries", 21, 21, 21),
        ("Militants attacked a checkpoint in Kunar, killing two policemen and a civilian.", "fatalities", 3, 3, 3),
        ("Gunmen killed five policemen and two civilians in Quetta.", "fatalities", 7, 7, 7),
        ("В результате взрыва в Кветте погибли пять полицейских и двое мирных жителей.", "fatalities", 7, 7, 7),
    ],
)
def test_casualties_counts_people_next_to_casualty_words(text, kind, low, best, high) -> None:
    count = getattr(attack(text), kind)
    assert count is not None and (count.low, count.best, count.high) == (low, best, high)


def test_casualties_a_number_of_things_is_no_victim_count() -> None:
    assert attack("A bomb destroyed three vehicles in Kabul on Monday.").fatalities is None


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_casualties_person_units_include_generic_participants(lang: str) -> None:
    units = lexicons(lang).person_units
    assert "people" in units and ({"militants", "civilians"} <= units or {"боевики", "люди"} <= units)


def test_casualties_separate_figures_stay_apart() -> None:
    ev = attack("Gunmen killed five policemen in Quetta and two civilians were wounded.")
    assert (ev.fatalities.best, ev.injuries.best) == (5, 2)


@pytest.mark.parametrize(
    ("text", "kind", "best"),
    [
        ("Gunmen assassinated a provincial judge outside his home in Kandahar.", "fatalities", 1),
        ("Two officers of the border police were shot and killed near a checkpoint in Kunar.", "fatalities", 2),
        ("A tribal elder was shot and killed by militants in Bajaur.", "fatalities", 1),
    ],
)
def test_casualties_implicit_and_coordinated_victims(text, kind, best) -> None:
    # "assassinated" kills; "shot and killed": the victims of the first verb; "X was shot": X whatever the parse
    # calls it (a passive participle after "be")
    count = getattr(attack(text), kind)
    assert count is not None and count.best == best


def test_casualties_killed_and_wounded_keep_their_own_victims() -> None:
    ev = attack("The blast killed three soldiers and wounded five civilians in Khost.")
    assert (ev.fatalities.best, ev.injuries.best) == (3, 5)


@pytest.mark.parametrize(
    ("text", "kind", "best"),
    [
        # a name the parse gives as a second subject only names the first victim
        ("A journalist of the local radio station, Rahim Zai, was killed when gunmen opened fire on him in Jalalabad.",
         "fatalities", 1),
        # "including ..." is part of the figure, not more people
        ("A car bomb in Mosul killed four soldiers and wounded eleven people including two children.", "injuries", 11),
        ("Взрыв в Махачкале ранил девять человек, в том числе двух детей.", "injuries", 9),
    ],
)
def test_casualties_appositions_and_subsets_are_not_more_victims(text, kind, best) -> None:
    assert getattr(attack(text), kind).best == best


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("Gunmen killed a judge in Peshawar on Monday. Two of his guards were also killed in the attack.", 3),
        ("Боевики убили полицейского в Назрани. Также погибли двое прохожих.", 3),
        # no word of addition: the lead's figure stands, a later one repeats it
        ("A bomb killed five people in a market in Kabul on Monday. Officials said five people died in the blast.", 5),
    ],
)
def test_casualties_later_sentences_add_only_when_they_say_so(text, best) -> None:
    assert attack(text).fatalities.best == best


@pytest.mark.parametrize(
    ("text", "killed", "wounded"),
    [
        # a count that says it is more adds to the count of its kind told before, in the same sentence or later
        ("Gunmen opened fire on a police patrol in Quetta. Two officers were wounded, and two more were injured "
         "later.", None, 4),
        ("Gunmen attacked a checkpoint in Quetta. Three soldiers were killed and two more were wounded. Another "
         "three died in hospital.", 6, 2),
        ("Gunmen attacked a checkpoint in Quetta, killing three soldiers. Two more soldiers were killed in the "
         "ensuing gunfight.", 5, None),
        ("Вооружённые люди напали на пост Росгвардии в Грозном. Ранены трое бойцов, ещё двое пострадали при "
         "задержании нападавших.", None, 5),
        ("В Хасавюрте у здания суда взорвался автомобиль. Погибли двое прохожих, ещё один человек скончался в "
         "больнице.", 3, None),
        ("В Грозном прогремел взрыв. Погибли три человека. Позже в больнице скончались ещё двое.", 5, None),
        # «ещё» after a count of another kind adds nothing to it: three dead, and besides them five wounded
        ("В Грозном прогремел взрыв. Погибли три человека, ещё пятеро получили ранения.", 3, 5),
        ("A bomb killed five people in Kabul on Monday. More than 20 people were wounded.", 5, 20),
    ],
)
def test_casualties_counts_that_say_they_are_more_add_up(text, killed, wounded) -> None:
    ev = attack(text)
    assert (ev.fatalities.best if ev.fatalities else None, ev.injuries.best if ev.injuries else None) == (
        killed,
        wounded,
    )


@pytest.mark.parametrize(
    ("text", "best", "attackers"),
    [
        ("A suicide bomber blew himself up at a checkpoint in Kandahar, killing three soldiers.", 4, 1),
        ("Two suicide bombers attacked an army base in Khost, killing five guards.", 7, 2),
        ("Смертник взорвал себя у поста полиции в Назрани, погибли двое полицейских.", 3, 1),
        # a figure that may include the bomber is left as told
        ("A suicide bomber blew himself up in a market in Hilla, killing 12 people.", 12, None),
        ("A suicide bomber blew himself up near a convoy in Kandahar. Four bystanders were wounded.", 1, 1),
    ],
)
def test_casualties_suicide_attackers_count_among_the_dead(text, best, attackers) -> None:
    # GTD and ACLED count a suicide attacker's death; Count.attackers says how many of the dead they are
    dead = attack(text).fatalities
    assert (dead.best, dead.attackers) == (best, attackers)


def test_casualties_a_stopped_bomber_is_no_death() -> None:
    doc = sitrep.analyze("Police arrested a would-be suicide bomber in Kabul before he could detonate his vest.")
    assert all(ev.fatalities is None for ev in doc.events)


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("Two shopkeepers were shot to death in Karachi on Monday.", 2),
        ("A local councillor was gunned down outside his home in Peshawar.", 1),
        ("Gunmen attacked the convoy of a judge in Quetta, killing one of his guards.", 1),
        ("Gunmen ambushed two tax collectors near Mardan. Both men were killed.", 2),
        ("A bomb killed a shopkeeper, aged 45, in Peshawar on Friday.", 1),
        ("Rahim Khan, a senior police officer, was killed by gunmen in Peshawar.", 1),
    ],
)
def test_casualties_phrases_pairs_partitives_ages_and_appositions(text, best) -> None:
    # multiword casualty phrases; "both" is two, "one of his guards" one; an age is no count; a name and its
    # description are one person
    assert attack(text).fatalities.best == best


@pytest.mark.parametrize(
    ("text", "kind", "best"),
    [
        # one person, where the tagger takes the noun for an adjective or the parse finds no victim
        ("A former militant was shot dead by an unidentified gunman in Bemina.", "fatalities", 1),
        ("An Israeli from Afula was killed in a shooting in Jenin.", "fatalities", 1),
        ("Terrorists shot dead a civilian, Ghulam Nabi Wani, outside his house in Budgam.", "fatalities", 1),
        ("Captain Walid Hamid Darwish was ambushed by gunmen in Samarra and assassinated.", "fatalities", 1),
        ("A Libyan opposition leader was found stabbed to death in his London shop.", "fatalities", 1),
        # the victim between the verb and "to death"; an object the parse took for a bare oblique
        ("Suspected LTTE members shot a pro-government politician to death in Colombo.", "fatalities", 1),
        ("Militants gunned down Alum Bi, an old woman, at her residence in Poonch district.", "fatalities", 1),
        # the subject of an intransitive casualty verb
        ("Gunmen opened fire on a house in Chakoora. The owner died of his injuries.", "fatalities", 1),
        # killed along with someone
        ("A Canadian researcher was shot dead along with a Ugandan colleague in Kampala.", "fatalities", 2),
        ("A bomb killed the governor along with four bodyguards in Herat.", "fatalities", 5),
        # shot or stabbed and not killed: wounded
        ("A Romanian-born employee of Radio Free Europe was stabbed outside his home in Munich.", "injuries", 1),
        ("Gunmen killed one Italian missionary and wounded another in an ambush north of Kampala.", "injuries", 1),
    ],
)
def test_casualties_single_victims_companions_and_shootings(text, kind, best) -> None:
    count = getattr(attack(text), kind)
    assert count is not None and count.best == best


@pytest.mark.parametrize(
    "text",
    [
        "Shots were fired at a Border Police base near Tulkarm. No one was injured.",
        "A bomb exploded outside a bank in Athens. Nobody was hurt.",
        "Gunmen fired at the home of the governor in Gaza. He was not injured in the attack.",
        "Ahmed Bouchiki was shot 14 times as he returned home in Oslo and died in hospital.",
        "Militants fired five mortar shells into the settlement at Masada, causing slight damage but no injuries.",
        "The device detonated at a restaurant in Ajaccio in the middle of the night and no one was injured.",
    ],
)
def test_casualties_nobody_hurt_and_shots_are_no_injuries(text) -> None:
    doc = sitrep.analyze(text, published="2024-05-15")
    assert not any(ev.injuries and ev.injuries.best for ev in doc.events)


@pytest.mark.parametrize(
    "text",
    [
        "Akhmad Kadyrov was nearly killed when a remote-controlled device detonated near his car in Grozny.",
        "The LVF claimed responsibility for attempting to kill a Catholic taxi driver in Belfast.",
        "No one was killed in the attack on the police station in Kirkuk.",
        "Guards foiled the attempted assassination of the governor of Kandahar.",
    ],
)
def test_casualties_a_death_that_did_not_happen_is_no_fatality(text) -> None:
    doc = sitrep.analyze(text, published="2024-05-15")
    assert not any(ev.fatalities and ev.fatalities.best for ev in doc.events)


@pytest.mark.parametrize(
    ("text", "killed", "wounded"),
    [
        ("Nine people were killed and forty-two wounded when a car bomb went off in Hilla.", 9, 42),
        ("A grenade exploded at a bus stand in Jammu. Eleven people were hurt in the blast and two killed.", 2, 11),
        ("Three soldiers were killed and another wounded in an ambush near Khost.", 3, 1),
        ("Two guards died and a third was seriously injured when gunmen stormed the depot in Kirkuk.", 2, 1),
        ("An ambush near Gardez killed six and injured another eight.", 6, 8),
        ("Four people were killed, 25 wounded in a suicide blast at a rally in Bannu.", 4, 25),
    ],
)
def test_casualties_each_casualty_word_keeps_its_own_number(text, killed, wounded) -> None:
    # "forty-two wounded": a number whose noun is the casualty word; "and another wounded": one more person
    ev = attack(text)
    assert (ev.fatalities.best, ev.injuries.best) == (killed, wounded)


@pytest.mark.parametrize(
    "text",
    [
        "Hamid Rahimi, 52, was shot dead by three gunmen on motorbikes in Kandahar.",
        "A shopkeeper was stabbed to death by two assailants in Srinagar.",
    ],
)
def test_casualties_the_killers_and_ages_are_no_victims(text) -> None:
    assert attack(text).fatalities.best == 1


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("Two masked men shot a shopkeeper dead outside his store in Pulwama.", 1),
        ("A gunman stopped the district officer's car near Sopore and shot him dead.", 1),
        ("A landmine blast on the highway near Khost killed one Afghan.", 1),
        # other incidents told after the lead's are not more victims of it
        ("A soldier was shot dead in Narathiwat. Two other soldiers were killed in similar attacks that night.", 1),
        # attackers killed after the victims were told are among the attack's dead (GTD, RAND)
        ("Rebels raided a post in Kidal, killing four soldiers. Troops returned fire, killing two of the rebels.", 6),
        # two clauses joined by "and", each with its own dead
        ("Militants hit a patrol in Ramadi. One soldier was killed and three militants died when troops fired.", 4),
    ],
)
def test_casualties_victims_between_verb_and_manner_and_attackers_killed(text, best) -> None:
    assert attack(text).fatalities.best == best


@pytest.mark.parametrize(
    ("text", "best"),
    [
        # the parse hangs the victim on the first of two coordinated verbs
        ("Gunmen attacked and killed Haji Noor Agha, head of the Alizai tribe, near his home in Musa Qala.", 1),
        # a victim named after titles and a party ("Awami League organiser Abdul Karim")
        ("Rebels shot dead Awami League organiser Abdul Karim at a tea stall in Khulna.", 1),
        # "the death of one ..." and "the driver" with no number
        ("A mine blast near Kismayo caused the death of one Kenyan lorry driver.", 1),
        ("The gunmen stopped a minibus and shot dead the driver, Omar Farah.", 1),
    ],
)
def test_casualties_one_named_or_singular_victim_without_a_number(text, best) -> None:
    count = attack(text).fatalities
    assert count is not None and count.best == best


def test_casualties_the_plural_victims_of_the_are_no_single_victim() -> None:
    assert attack("Gunmen shot dead the passengers of a minibus near Kismayo.").fatalities is None


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("Gunmen kidnapped a shopkeeper in Quetta and his body was found two days later near a canal.", 1),
        ("Gunmen kidnapped four policemen near Kandahar and their bodies were found the next morning.", 4),
        ("Militants attacked a checkpoint in Kunar; all five bodies were recovered from the river.", 5),
    ],
)
def test_casualties_a_body_found_is_a_death(text, best) -> None:
    # RAND and GTD count the dead found after an abduction or attack, though no casualty word tells them
    count = attack(text).fatalities
    assert count is not None and count.best == best


def test_casualties_a_wound_to_the_body_is_no_death() -> None:
    ev = attack("A bomb exploded near a market in Nazran, and the governor received wounds to the body.")
    assert ev.fatalities is None


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("Gunmen killed a shop owner and former member of the town council, Ali Rahim, in Basra.", 1),
        ("Ramon Ortiz Vega, a councilman in Cauca, a lawyer, and a member of several farm unions, was murdered.", 1),
        ("Gunmen killed a policeman and his wife in Basra.", 2),
    ],
)
def test_casualties_a_phrase_describing_the_victim_again_is_nobody_more(text, best) -> None:
    # "a shop owner and former member": one person (no article of its own); "a policeman and his wife": two
    count = attack(text).fatalities
    assert count is not None and count.best == best


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("Gunmen killed nine farm workers, three of them brothers, and abducted their employer near Hilla.", 9),
        ("Two senior officials of the city, including the mayor Ali Hadi, were killed by gunmen.", 2),
    ],
)
def test_casualties_a_part_of_the_victims_is_not_added(text, best) -> None:
    count = attack(text).fatalities
    assert count is not None and count.best == best


@pytest.mark.parametrize(
    ("text", "killed", "hurt"),
    [
        ("A roadside bomb exploded near a convoy of contractors in Mosul, killing one and wounding another.", 1, 1),
        ("The blast killed three of the minister's guards, wounded one, and destroyed two cars.", 3, 1),
        ("The attack resulted in the death of two soldiers and the injury of five others.", 2, 5),
    ],
)
def test_casualties_one_or_another_alone_and_the_injury_of(text, killed, hurt) -> None:
    ev = attack(text)
    assert (ev.fatalities.best, ev.injuries.best) == (killed, hurt)


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("A soldier was killed when rebels attacked a UN truck near Gao. Two Canadians and a Briton were wounded.", 3),
        ("Gunmen ambushed a police car near Aden. His guard and the driver of the car were wounded.", 2),
    ],
)
def test_casualties_the_subject_of_were_wounded_tagged_an_adjective(text, best) -> None:
    # a tagger often calls "wounded" after "were" an adjective: its subject is still the wounded
    count = attack(text).injuries
    assert count is not None and count.best == best


def test_casualties_and_one_wounded_after_the_dead_counts_one() -> None:
    ev = attack("Three soldiers were killed, and one wounded, when a mine exploded near Kidal.")
    assert (ev.fatalities.best, ev.injuries.best) == (3, 1)


def test_casualties_the_killers_after_by_are_no_victims() -> None:
    ev = attack("Ali Hassan, head of the customs office of Basra was shot and killed by three unidentified men.")
    assert ev.fatalities is not None and ev.fatalities.best == 1


def test_casualties_a_killing_the_next_day_is_no_victim() -> None:
    ev = attack("Rebels shot a party official, prompting a revenge killing the next day against a trader.")
    assert ev.fatalities is None


def test_casualties_several_is_no_figure() -> None:
    # RAND and GTD code no count where the text gives no figure ("wounding several others")
    ev = attack("A suicide bomber blew himself up on a bus in Baqubah, killing five people and hurting several others.")
    assert ev.fatalities.best == 5 and ev.injuries is None


def test_casualties_many_is_no_figure() -> None:
    ev = attack("A car bomb exploded near a crowded market in Hilla, killing many people and wounding 30.")
    assert ev.fatalities is None and ev.injuries.best == 30


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("Four gunmen shot dead a policeman in Okara.", 1),  # the four are the killers
        ("Half a dozen assailants shot dead a Roman Catholic priest in his home in Okara.", 1),
        ("Five policemen were killed in Okara.", 5),  # passive: the number is the victims'
    ],
)
def test_casualties_the_number_before_an_active_killing_with_its_victim_after_counts_the_killers(text, best) -> None:
    count = attack(text).fatalities
    assert count is not None and count.best == best


def test_casualties_half_a_dozen_is_six() -> None:
    count = attack("Half a dozen people were wounded when a bomb exploded in a market in Peshawar.").injuries
    assert count is not None and count.best == 6


def test_casualties_no_one_was_killed_counts_nobody() -> None:
    text = "Rebels shot at the councilwoman's car in Gigante. Her car was hit, but no one was killed or injured."
    event = attack(text)
    assert event.fatalities is None and event.injuries is None


def test_casualties_a_verbless_clause_describing_the_victims_adds_nobody() -> None:
    text = (
        "Rebels shot and killed three Americans, two of them active-duty soldiers and the third a retired officer, "
        "near Angeles City."
    )
    count = attack(text).fatalities
    assert count is not None and count.best == 3


def test_casualties_wounded_and_later_died_is_a_death() -> None:
    text = "A bomb exploded at a bank in Buenos Aires. A security guard was injured and later died at the hospital."
    count = attack(text).fatalities
    assert count is not None and count.best == 1


def test_casualties_a_plural_noun_before_a_participle_is_no_single_victim() -> None:
    text = "A bomb exploded near a monument to Armenians killed during the First World War in Paris."
    assert attack(text).fatalities is None


def test_casualties_a_slit_throat_is_a_killing_of_its_owners() -> None:
    event = attack("Militants slit the throats of a woman and her daughter in Aragam village.")
    assert event.mode == "primitive"
    assert event.fatalities is not None and event.fatalities.best == 2


def test_casualties_gunned_down_is_a_shooting_death() -> None:
    event = attack("A former minister was gunned down outside his home in Albufeira.")
    assert event.mode == "firearms"
    assert event.fatalities is not None and event.fatalities.best == 1


def test_casualties_a_number_after_the_whole_casualty_phrase_counts() -> None:
    count = attack("A car bomb detonated in Cachipay, causing injuries to nineteen and deaths to four.").fatalities
    assert count is not None and count.best == 4


def test_casualties_a_perfect_infinitive_tells_a_killing_that_happened() -> None:
    event = attack("Maoist rebels are believed to have murdered the mayor of Gulariya on Sunday.")
    assert event.fatalities is not None and event.fatalities.best == 1
    assert attack("Gunmen tried to kill the mayor of Gulariya on Sunday.").fatalities is None
    # "managed to" tells that it was done; "injure" in its base form counts too
    event = attack("Rebels attacked the town hall in Santa Rosa and managed to kill two guards and injure another.")
    assert (event.fatalities.best, event.injuries.best) == (2, 1)
    event = attack("Troops fired at a man planting a bomb in Gaza. It was unclear if they managed to kill him.")
    assert event.fatalities is None  # "if they managed": not said to be done


def test_casualties_one_of_a_plural_group_is_one_victim() -> None:
    text = "Six gunmen attacked the consulate in Khorramshahr. One guard was killed and one of the attackers wounded."
    count = attack(text).injuries
    assert count is not None and count.best == 1


@pytest.mark.parametrize(
    ("text", "best"),
    [
        # a name inside the subject phrase that the parse gave the verb as a second subject adds nobody
        ("Three employees working at the Oil Institute in Baiji were assassinated by gunmen while at work.", 3),
        # the victim's kin the parse joined to a noun inside the victim's phrase is a victim too
        ("An Iraqi translator for Italian troops and his son were shot to death in Nasiriyah.", 2),
        # "found shot to death": "shot" read as a noun is parsed again as a participle
        ("Two brothers were found shot to death in a rural area of El Penon.", 2),
    ],
)
def test_casualties_subjects_the_parse_split_or_joined_elsewhere(text: str, best: int) -> None:
    count = attack(text).fatalities
    assert count is not None and count.best == best


def test_casualties_a_casualty_word_is_no_victim_of_another() -> None:
    text = (
        "Two explosions rocked downtown Istanbul near the British consulate and the HSBC Bank headquarters. "
        "Health officials stated that at least twenty-eight people were killed and 450  injured."
    )
    event = attack(text)
    assert event.fatalities is not None and event.fatalities.best == 28
    assert event.injuries is not None and event.injuries.best == 450


def test_casualties_also_killed_adds_to_the_dead_told_before() -> None:
    text = (
        "A suicide bomber detonated a motorcycle bomb near a checkpoint near Musayyab. Three police officers were "
        "killed, at least ten wounded, and two civilians were also killed in the attack."
    )
    count = attack(text).fatalities
    assert count is not None and count.best == 6  # three officers, two civilians and the bomber


def test_casualties_a_list_of_names_counts_each() -> None:
    # the parse hangs the middle name on the first as an apposition, the last as a conjunct
    count = attack("Rebels killed Luis Duque, Antonio Varon and Alfonso Nivia in El Libano.").fatalities
    assert count is not None and count.best == 3
    count = attack("Gunmen killed Imad Kazim, an official at the ministry, in Baghdad.").fatalities
    assert count is not None and count.best == 1  # an apposition with no list is the same person


@pytest.mark.parametrize(
    ("text", "best"),
    [
        # the antecedent of a relative pronoun is the one who died
        ("Gunmen fired at the car of a deputy. Only the driver, who died in the attack, was inside the car.", 1),
        # an earlier death told in a pluperfect relative clause is not this attack's
        (
            "A suicide bomber struck the funeral of a shop owner who had been killed in a bombing days earlier. "
            "The attack killed 36 people.",
            36,
        ),
        ("A farmer was decapitated by members of the armed group near Medea.", 1),
    ],
)
def test_casualties_told_in_a_relative_clause_or_by_a_word_of_death(text: str, best: int) -> None:
    doc = sitrep.analyze(text)
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    assert ev.fatalities is not None and ev.fatalities.best == best


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("Gunmen kidnapped three policemen near Ramadi. Their bodies were found near the border.", 3),
        ("Insurgents kidnapped three engineers and their driver. All four bodies were found hours later.", 4),
        ("Gunmen kidnapped a party member from his village. Police found the body of the party member on Monday.", 1),
    ],
)
def test_casualties_bodies_found_soon_after_an_attack_are_its_dead(text: str, best: int) -> None:
    doc = sitrep.analyze(text)
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    assert ev.fatalities is not None and ev.fatalities.best == best



def test_casualties_the_beaten_are_injured() -> None:
    doc = sitrep.analyze("Four police officers were attacked and beaten by men in commando uniforms in Baghdad.")
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    assert ev.injuries is not None and ev.injuries.best == 4


@pytest.mark.parametrize(
    "text",
    [
        # a pronoun counts someone told before, whatever "other" the sentence says of the wounded
        "Karim Ahmed, a council member, was killed on Monday. Gunmen shot at Ahmed, killing him and injuring one "
        "other civilian.",
        # a name's description joined by "and", parsed as a modifier and a conjunct, is one person
        "Mullah Ahmad Noori, a pro-government cleric and member of the Ulema Shura, was killed by gunmen in Kandahar.",
    ],
)
def test_casualties_one_person_told_twice_is_one(text: str) -> None:
    doc = sitrep.analyze(text)
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    assert ev.fatalities is not None and ev.fatalities.best == 1


@pytest.mark.parametrize(
    "text",
    [
        "Surapol Prabpailee, a police officer, was shot four times in the back of the head, and killed in Yala.",
        "A judge was shot 6 times and killed as he left his house in Buenaventura.",
    ],
)
def test_casualties_how_often_a_victim_was_shot_is_no_count(text: str) -> None:
    assert attack(text).fatalities.best == 1


@pytest.mark.parametrize(
    "text",
    [
        "A policeman guarding a polling station in Mesker-Yurt was fatally injured when gunmen opened fire on it.",
        "A soldier was mortally wounded when militants fired on a patrol in Kunar.",
    ],
)
def test_casualties_fatally_injured_is_dead_not_hurt(text: str) -> None:
    event = attack(text)
    assert event.fatalities.best == 1 and event.injuries is None


@pytest.mark.parametrize(
    "text",
    ["A couple was murdered in their home in Bouira by suspected militants.", "В Дагестане убита супружеская пара."],
)
def test_casualties_a_couple_is_two(text: str) -> None:
    assert attack(text).fatalities.best == 2


def test_casualties_the_phrases_own_word_stands_between_no_victim() -> None:
    """'shot dead two Shias': "dead" is the phrase's own word, not another casualty word before the victims."""
    event = attack("Unidentified gunmen shot dead two Shias in suspected sectarian attacks in Baghdad.")
    assert event.fatalities.best == 2


def test_casualties_a_passive_clause_after_and_counts_its_own_dead() -> None:
    """'... attacked a plant in Lima and four rebels were killed': the parse lost the second clause's subject, but
    its own "were" says it is a clause, not a verb sharing the plant as its object."""
    event = attack("Peruvian guerrillas attacked a Nissan auto plant in Lima and four rebels were killed.")
    assert event.fatalities.best == 4


@pytest.mark.parametrize(
    "text",
    [
        "Militants fired three rockets at Sderot in retaliation for the killing of two of their commanders.",
        "Rebels shelled the garrison at Kidal in revenge for the arrest of one man and the assassination of another.",
        "A bomb went off at a court in Ajaccio, a week after judges convicted six men of the murder of a prefect.",
        "A grenade was thrown at a police post in Imphal, two days after the killing of four villagers nearby.",
        "Боевики обстреляли блокпост в Назрани в отместку за убийство двух командиров.",
    ],
)
def test_casualties_a_deed_answered_or_charged_is_not_the_attacks_toll(text) -> None:
    # the killing the attack avenges, or a court's charge, or an earlier one it is dated by, has other victims
    doc = sitrep.analyze(text, published="2024-05-15")
    assert any(ev.type == "ASSAULT" for ev in doc.events)
    assert not any(ev.fatalities and ev.fatalities.best for ev in doc.events)


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("Officials in Kunduz reported the murder of a school teacher by unknown gunmen.", 1),
        ("Police blamed militants for the assassination of the district chief in Helmand.", 1),
        ("A policeman lost his life when a roadside bomb exploded in Kirkuk.", 1),
        ("Two workers were injured by a bomb in Caracas when they attempted to move the box that held it.", 0),
    ],
)
def test_casualties_a_murder_or_assassination_of_one_is_a_death(text, best) -> None:
    # "attempted to move" after the casualty word says nothing of whether it happened
    ev = attack(text)
    assert (ev.fatalities.best if ev.fatalities else 0) == best
