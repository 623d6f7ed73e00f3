window.MapviewerBasemapDetail.add('f/17_25',JSON.parse('{"land":[[[6974,722,-20,-18,-24,26,-16,40,21,8,35,-21,4,-35]]],"x0":-112.0,"y0":10.0,"q":0.0004}'));
