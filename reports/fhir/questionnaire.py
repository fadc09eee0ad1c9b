"""The MNSI patient questionnaire (``insights.mnsi``) as FHIR R4B resources.

- One ``Questionnaire`` for the instrument, carried in the Bundle (no public FHIR
  Questionnaire for the MNSI was found to point to): 15 boolean items with the English
  wording of PhenX Toolkit protocol 140401 (free to use, no permission needed), and a
  read-only integer item ``score`` (0-13, the University of Michigan scoring). Its
  ``url`` is the Bundle entry's ``urn:uuid`` and it names its source in ``description``.
- Each answer: a ``QuestionnaireResponse`` (status ``completed``, ``authored`` when it was
  answered) referring to that Questionnaire, with the 15 yes/no answers as
  ``valueBoolean`` and the score as ``valueInteger``.
"""

import uuid
from typing import Any

from fhir.resources.R4B.questionnaire import Questionnaire, QuestionnaireItem
from fhir.resources.R4B.questionnaireresponse import (
    QuestionnaireResponse,
    QuestionnaireResponseItem,
    QuestionnaireResponseItemAnswer,
)
from fhir.resources.R4B.reference import Reference

from insights import mnsi
from insights.models import MnsiResponse
from reports.fhir.codes import NAMESPACE

QUESTIONNAIRE_KEY = "questionnaire:mnsi-patient"
QUESTIONNAIRE_URL = f"urn:uuid:{uuid.uuid5(NAMESPACE, QUESTIONNAIRE_KEY)}"
SCORE_LINK = "score"


def mnsi_questionnaire() -> Questionnaire:
    items = [
        QuestionnaireItem(linkId=str(number), text=text, type="boolean", required=True)
        for number, text in enumerate(mnsi.QUESTIONS, start=1)
    ]
    items.append(
        QuestionnaireItem(
            linkId=SCORE_LINK,
            text=(
                "MNSI history score (0-13): yes to items 1-3, 5-6, 8-9, 11-12, 14-15 and no "
                "to items 7 and 13 count 1 point each; items 4 and 10 are not scored"
            ),
            type="integer",
            readOnly=True,
        )
    )
    return Questionnaire(
        id=str(uuid.uuid5(NAMESPACE, QUESTIONNAIRE_KEY)),
        url=QUESTIONNAIRE_URL,
        name="MNSIPatientQuestionnaire",
        title="Michigan Neuropathy Screening Instrument, patient questionnaire",
        status="active",
        subjectType=["Patient"],
        description=f"{mnsi.SOURCE}: {mnsi.CANONICAL_URL}. {mnsi.INSTRUCTIONS}",
        item=items,
    )


def mnsi_questionnaire_response(
    response: MnsiResponse, *, patient: Reference, zone: Any
) -> QuestionnaireResponse:
    items = [
        QuestionnaireResponseItem(
            linkId=str(number),
            text=text,
            answer=[QuestionnaireResponseItemAnswer(valueBoolean=bool(answer))],
        )
        for number, (text, answer) in enumerate(
            zip(mnsi.QUESTIONS, response.answers, strict=True), start=1
        )
    ]
    items.append(
        QuestionnaireResponseItem(
            linkId=SCORE_LINK,
            text="MNSI history score (0-13)",
            answer=[QuestionnaireResponseItemAnswer(valueInteger=response.score)],
        )
    )
    return QuestionnaireResponse(
        id=str(uuid.uuid5(NAMESPACE, f"mnsi:{response.user_id}:{response.pk}")),
        questionnaire=QUESTIONNAIRE_URL,
        status="completed",
        subject=patient,
        authored=response.answered_at.astimezone(zone).isoformat(),
        item=items,
    )
