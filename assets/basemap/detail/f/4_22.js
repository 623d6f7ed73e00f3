window.MapviewerBasemapDetail.add('f/4_22',JSON.parse('{"land":[[[9938,4028,-13,32,53,9,-9,-24,-31,-17]]],"x0":-164.0,"y0":-2.0,"q":0.0004}'));
