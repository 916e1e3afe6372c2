import Analysis

let kreplayVersionString = kreplayVersion
